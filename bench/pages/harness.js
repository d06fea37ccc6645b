// Injected by bench/run.mjs once the page's form is visible: the in-page measurements. Each
// takes its timestamps with performance.now() in the page; observers are set up before the
// action they time. window.__bench.page is the page's adapter (see the pages' module scripts).
window.benchHarness = (() => {
  const bench = window.__bench;
  const page = bench.page;
  const root = bench.root;
  const now = () => performance.now();
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;

  /** Sets an input's value as typing does (React's value tracker included) and fires `input`. */
  function type(input, value) {
    setValue.call(input, value);
    input.dispatchEvent(
      new InputEvent("input", { bubbles: true, inputType: "insertText", data: value.slice(-1) }),
    );
  }

  /** Resolves at the start of the next task: what the event left to microtasks has run. */
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(now());
      channel.port2.postMessage(null);
    });
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(now())));

  /** Polls `condition` once per task until it holds (for the untimed steps). */
  async function waitFor(condition, what = String(condition), timeoutMs = 10000) {
    const until = now() + timeoutMs;
    while (!condition()) {
      if (now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Resolves to the time `condition` first holds after a mutation under `node`. */
  function whenMutated(node, condition) {
    return new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (condition()) {
          observer.disconnect();
          resolve(now());
        }
      });
      observer.observe(node, { childList: true, subtree: true, characterData: true, attributes: true });
    });
  }

  function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** JS heap after a full GC, and the wasm memory. */
  async function memory() {
    window.gc();
    await nextTask();
    window.gc();
    const heap = performance.memory.usedJSHeapSize;
    const wasm = page.wasmBytes();
    return { heap, wasm, total: heap + wasm };
  }

  /**
   * `count` keystrokes into the first name: the synchronous input handling (around
   * dispatchEvent), until the next task (what the handlers left to microtasks has run; the
   * MessageChannel hop alone is measured before each keystroke, as `hop`), and until the next
   * animation frame callback. Each keystroke starts in a task of its own after the last frame.
   */
  async function keystrokes(count) {
    const input = page.input(root, "firstName");
    input.focus();
    const text = "Maximiliana Konstantinopolous-Fairweather";
    const samples = { sync: [], task: [], frame: [], hop: [] };
    for (let i = 1; i <= count; i++) {
      await nextTask(); // out of the last frame's rendering
      const h0 = now();
      samples.hop.push((await nextTask()) - h0);
      setValue.call(input, text.slice(0, i));
      const event = new InputEvent("input", { bubbles: true, inputType: "insertText", data: text[i - 1] });
      const t0 = now();
      input.dispatchEvent(event);
      const t1 = now();
      const task = nextTask();
      const frame = nextFrame();
      samples.sync.push(t1 - t0);
      samples.task.push((await task) - t0);
      samples.frame.push((await frame) - t0);
    }
    type(input, "");
    input.blur();
    await nextTask();
    return samples;
  }

  /**
   * `count` rounds of: type into the email (invalid and valid in turn), then blur it; the time
   * from blur() until the error text is shown (or cleared), the blur a frame after the typing.
   * A change that the input itself made (a form that re-checks a field while it shows an error)
   * is counted apart, from the input. With `marked` (bench/profile.mjs), each timed round is
   * marked `b<i>` and `e<i>` with User Timing, and listed in `rounds`.
   */
  async function blurs(count, { input = page.input(root, "email"), error = page.error(root, "email"), marked = false } = {}) {
    const shown = () => error.textContent.trim() !== "";
    const samples = { show: [], clear: [], clearOnInput: [], showOnInput: [], rounds: [] };
    for (let i = 0; i < count; i++) {
      const invalid = i % 2 === 0;
      const want = invalid ? shown : () => !shown();
      input.focus();
      const change = whenMutated(error, want);
      const tInput = now();
      type(input, invalid ? "not-an-email" : `valid.${i}@example.com`);
      await nextTask();
      if (want()) {
        samples[invalid ? "showOnInput" : "clearOnInput"].push((await change) - tInput);
        input.blur();
        await nextTask();
        continue;
      }
      // A person leaves the field frames after typing: what the typing left to render (the
      // input's new text to lay out) is rendered first, not counted in the blur.
      await nextFrame();
      await nextTask();
      if (marked) performance.mark(`b${i}`);
      const t0 = now();
      input.blur();
      const t1 = await withTimeout(change, 5000, `blur ${invalid ? "shows" : "clears"} the error`);
      if (marked) performance.mark(`e${i}`);
      samples[invalid ? "show" : "clear"].push(t1 - t0);
      samples.rounds.push({ i, ms: t1 - t0, show: invalid });
    }
    return samples;
  }

  /**
   * The floor under `blurs`: the same rounds on a bare input outside the form, whose blur
   * listener writes its error with one line of JavaScript. What this takes is the browser's
   * (focus change, style, the observer) and the machine's noise, the same for every page.
   */
  async function blurFloor(count, marked = false) {
    const field = document.createElement("div");
    field.innerHTML = '<input type="email" name="floor"><p class="floor-error"></p>';
    document.body.append(field);
    const [input, error] = field.children;
    input.addEventListener("blur", () => {
      error.textContent = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.value) ? "" : "Enter an email address.";
    });
    try {
      return await blurs(count, { input, error, marked });
    } finally {
      field.remove();
    }
  }

  async function fill(values) {
    for (const [name, value] of Object.entries(values)) type(page.input(root, name), value);
    await nextTask();
  }

  /** Submits the form (valid); resolves with the created contact. */
  async function submitOnce(values) {
    await fill(values);
    const created = new Promise((resolve) => (bench.onCreated = resolve));
    root.querySelector(page.submit).click();
    return withTimeout(created, 10000, "contact created");
  }

  /** Time from just before the submit button's click() to the POST's fetch() call. */
  async function submitToWire(values) {
    await fill(values);
    const originalFetch = window.fetch;
    let wire;
    window.fetch = function (input, init) {
      const method = init?.method ?? (input instanceof Request ? input.method : "GET");
      if (wire === undefined && method.toUpperCase() === "POST") wire = now();
      return originalFetch.apply(this, arguments);
    };
    const created = new Promise((resolve) => (bench.onCreated = resolve));
    const t0 = now();
    root.querySelector(page.submit).click();
    try {
      await withTimeout(created, 10000, "contact created");
    } finally {
      window.fetch = originalFetch;
    }
    await page.afterCreated(root, waitFor);
    return wire - t0;
  }

  /** Time to mount `n` forms into `n` new elements until every submit button is visible. */
  async function mountMany(n) {
    const extra = document.getElementById("extra");
    const elements = Array.from({ length: n }, () => extra.appendChild(document.createElement("div")));
    const visible = elements.map((el) => bench.whenVisible(el, page.submit));
    const t0 = now();
    for (const el of elements) page.mountInto(el, () => {});
    const times = await withTimeout(Promise.all(visible), 20000, `${n} forms visible`);
    return Math.max(...times) - t0;
  }

  /** `count` create cycles on the first form: fill valid values, submit, wait, start again. */
  async function cycles(count, tag) {
    for (let i = 0; i < count; i++) {
      await submitOnce({ firstName: `Cy${i}`, lastName: "Cle", email: `cycle.${tag}.${i}@example.com` });
      await page.afterCreated(root, waitFor);
    }
  }

  return { memory, keystrokes, blurs, blurFloor, submitToWire, mountMany, cycles };
})();
