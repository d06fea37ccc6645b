// Inlined by bench/run.mjs as the first script of every bench page (a classic script, so that it
// runs before anything is fetched): records "script start" and offers what the page's module
// needs to time its first mount. performance.now() is relative to navigation start.
window.__bench = (() => {
  const now = () => performance.now();
  const marks = { scriptStart: now() };
  let started;
  const ready = new Promise((resolve) => (started = resolve));

  // Resolves to the time `selector` is in `root` with a non-zero box. The observer is set up
  // before the caller mounts; a frame loop covers a box that only gets its size later.
  function whenVisible(root, selector) {
    return new Promise((resolve) => {
      let done = false;
      const check = () => {
        if (done) return;
        const el = root.querySelector(selector);
        if (!el) return;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return requestAnimationFrame(check);
        done = true;
        observer.disconnect();
        resolve(now());
      };
      const observer = new MutationObserver(check);
      observer.observe(root, { childList: true, subtree: true, attributes: true });
    });
  }

  // The page's module calls this once its script is ready: mounts the form into #app (and, with
  // ?forms=N, N - 1 more into #extra) and times the mount() calls until every submit button is
  // visible.
  async function start(page) {
    const root = document.getElementById("app");
    const more = Array.from({ length: Number(new URLSearchParams(location.search).get("forms") ?? 1) - 1 }, () =>
      document.getElementById("extra").appendChild(document.createElement("div")));
    const visible = Promise.all([root, ...more].map((element) => whenVisible(element, page.submit)));
    marks.mountCall = now();
    page.mountInto(root, (contact) => window.__bench.onCreated?.(contact));
    for (const element of more) page.mountInto(element, () => {});
    marks.mountReturn = now();
    marks.visible = Math.max(...(await visible));
    // A page whose form shows before it works (the widget's shell) says when it works.
    marks.interactive = page.interactive ? await page.interactive() : marks.visible;
    Object.assign(window.__bench, { page, root });
    started(marks);
  }

  // The widget's form as both widget pages give it to the harness: the live form's controls (not
  // the shell's), and the "Add another" panel that replaces the form after a create.
  const widgetForm = {
    submit: ".thena-submit",
    input: (root, name) => root.querySelector(`.thena-add-contact:not([data-shell]) [name="${name}"]`),
    error: (root, name) => root.querySelector(`.thena-add-contact:not([data-shell]) [name="${name}"] ~ .thena-error`),
    async afterCreated(root, waitFor) {
      const state = () => root.querySelector(".thena-add-contact").dataset.state;
      await waitFor(() => state() === "created");
      root.querySelector(".thena-add-another").click();
      await waitFor(() => state() === "editing");
    },
  };

  return { marks, ready, start, whenVisible, widgetForm, onCreated: null };
})();
