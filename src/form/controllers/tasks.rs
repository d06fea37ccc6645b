//! A task that runs one at a time: a search that the next keystroke replaces, a countdown, the
//! submit under way. Tasks that run once per form (the organization's data at mount) need none
//! of this: they are spawned with Leptos's `spawn_local_scoped_with_cancellation` and end with
//! the form's owner.

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

/// Runs one task at a time: starting one stops the one under way, and so does the form's
/// unmount (the cleanup is registered once, with the owner that makes the slot).
#[derive(Clone, Copy)]
pub struct TaskSlot(StoredValue<Cell<Option<(u64, AbortHandle)>>, LocalStorage>);

/// Tells tasks apart, so that a task that ends clears the slot only while it is still its own.
static NEXT_TASK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl TaskSlot {
    /// An empty slot; its task is stopped when the current owner is cleaned up (so no
    /// `Default`: making one registers that cleanup).
    #[allow(clippy::new_without_default)]
    pub fn new() -> TaskSlot {
        let slot = TaskSlot(StoredValue::new_local(Cell::new(None)));
        on_cleanup(move || slot.stop());
        slot
    }

    /// Runs `task` in the slot, stopping the one under way.
    pub fn run(&self, task: impl Future<Output = ()> + 'static) {
        self.run_boxed(Box::pin(task));
    }

    /// One copy of the spawning code for every kind of task (a generic one would be copied
    /// into the wasm once per task).
    fn run_boxed(&self, task: Pin<Box<dyn Future<Output = ()>>>) {
        let (abort, registration) = AbortHandle::new_pair();
        let id = NEXT_TASK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some(previous) = self
            .0
            .try_with_value(|slot| slot.replace(Some((id, abort))))
        else {
            return; // the form is gone
        };
        if let Some((_, previous)) = previous {
            previous.abort();
        }
        let slot = *self;
        spawn_local(async move {
            if Abortable::new(task, registration).await.is_ok() {
                slot.0.try_with_value(|slot| {
                    let task = slot.take();
                    if task.as_ref().is_some_and(|(own, _)| *own != id) {
                        slot.set(task); // another task's
                    }
                });
            }
        });
    }

    /// Stops the task under way, if any.
    pub fn stop(&self) {
        if let Some(Some((_, task))) = self.0.try_with_value(Cell::take) {
            task.abort();
        }
    }

    /// Whether a task is under way.
    pub fn is_busy(&self) -> bool {
        self.0
            .try_with_value(|slot| {
                let task = slot.take();
                let busy = task.is_some();
                slot.set(task);
                busy
            })
            .unwrap_or(false)
    }
}

/// Runs `task` until it ends or the current owner (the form's) is cleaned up: Leptos's
/// `spawn_local_scoped_with_cancellation`, its future boxed so that the wasm holds one copy.
pub fn spawn_for_form(task: impl Future<Output = ()> + 'static) {
    let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
    leptos::task::spawn_local_scoped_with_cancellation(task);
}
