//! The wait after a 429 that names one: "Try again" counts it down, against the clock rather
//! than by ticks (a background tab's timers run late).

use super::tasks::TaskSlot;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

/// The seconds left to wait before "Try again" can send.
#[derive(Clone, Copy)]
pub struct Countdown {
    /// Seconds left (0: no wait).
    pub left: RwSignal<u64>,
    task: TaskSlot,
}

impl Countdown {
    /// No wait yet; its countdown stops with the current owner (so no `Default`).
    #[allow(clippy::new_without_default)]
    pub fn new() -> Countdown {
        Countdown {
            left: RwSignal::new(0),
            task: TaskSlot::new(),
        }
    }

    /// Counts `secs` down, replacing a countdown under way.
    pub fn start(&self, secs: u64) {
        let left = self.left;
        left.set(secs);
        let deadline = js_sys::Date::now() + secs as f64 * 1000.0;
        self.task.run(async move {
            loop {
                let now = js_sys::Date::now();
                let seconds = ((deadline - now) / 1000.0).ceil().max(0.0);
                left.try_set(seconds as u64);
                if seconds <= 0.0 {
                    break;
                }
                let to_next = (deadline - now).rem_euclid(1000.0);
                TimeoutFuture::new(to_next as u32 + 1).await;
            }
        });
    }

    /// Whether a wait is being counted down (tracked).
    pub fn is_waiting(&self) -> bool {
        self.left.try_with(|left| *left > 0).unwrap_or(false)
    }
}
