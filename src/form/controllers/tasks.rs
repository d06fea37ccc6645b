//! A task that runs one at a time: a search that the next keystroke replaces, a countdown, the
//! submit under way. Tasks that run once per form (the organization's data at mount) need none
//! of this: they are spawned with Leptos's `spawn_local_scoped_with_cancellation` and end with
//! the form's owner.

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// Runs one task at a time: starting one stops the one under way, and so does the form's
/// unmount (the cleanup is registered once, with the owner that makes the slot).
#[derive(Clone, Copy)]
pub struct TaskSlot(StoredValue<Option<(u64, AbortHandle)>, LocalStorage>);

/// Tells tasks apart, so that a task that ends clears the slot only while it is still its own.
static NEXT_TASK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl TaskSlot {
    /// An empty slot; its task is stopped when the current owner is cleaned up (so no
    /// `Default`: making one registers that cleanup).
    #[allow(clippy::new_without_default)]
    pub fn new() -> TaskSlot {
        let slot = TaskSlot(StoredValue::new_local(None));
        on_cleanup(move || slot.stop());
        slot
    }

    /// Runs `task` in the slot, stopping the one under way.
    pub fn run(&self, task: impl Future<Output = ()> + 'static) {
        let (abort, registration) = AbortHandle::new_pair();
        let id = NEXT_TASK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some(previous) = self.0.try_update_value(|slot| slot.replace((id, abort))) else {
            return; // the form is gone
        };
        if let Some((_, previous)) = previous {
            previous.abort();
        }
        let slot = *self;
        spawn_local(async move {
            if Abortable::new(task, registration).await.is_ok() {
                slot.0.try_update_value(|slot| {
                    if slot.as_ref().is_some_and(|(own, _)| *own == id) {
                        *slot = None;
                    }
                });
            }
        });
    }

    /// Stops the task under way, if any.
    pub fn stop(&self) {
        if let Some(Some((_, task))) = self.0.try_update_value(Option::take) {
            task.abort();
        }
    }

    /// Whether a task is under way.
    pub fn is_busy(&self) -> bool {
        self.0.try_with_value(Option::is_some).unwrap_or(false)
    }
}
