// webpack 5 with its defaults, and its built-in CSS support for the package's style.css.
const path = require("node:path");

module.exports = {
  mode: "production",
  entry: "./src.js",
  output: { path: path.resolve(__dirname, "dist"), filename: "main.js", publicPath: "auto", clean: true },
  experiments: { css: true },
};
