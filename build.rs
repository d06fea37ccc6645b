//! The release wasm gets a 256 KiB stack instead of Rust's 1 MiB. The widget never recurses
//! deeply (nested replies are refused by depth, not by recursion), and the stack was most of its
//! memory (see docs/performance.md). The browser tests' debug builds get 4 MiB: unoptimized,
//! the form's view (one nested value, built in place) takes frames many times larger than the
//! release build's.
fn main() {
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if release && wasm {
        println!("cargo:rustc-link-arg-cdylib=-zstack-size=262144");
    }
    if !release && wasm {
        println!("cargo:rustc-link-arg-tests=-zstack-size=4194304");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
