//! The unsent draft, when the host asks for it (`persistDraft`): restored at mount (with a
//! notice), written once typing pauses for a moment and when the page is left, forgotten once
//! the contact is created, on reset and on "Discard". Where and what is kept is in
//! `form/draft_store.rs`.

use crate::form::context::FormCtx;
use crate::form::draft_store::{DraftStore, SavedDraft};
use crate::form::options::AddContactOptions;
use crate::form::state::FormState;
use crate::rules::ContactDraft;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::cell::RefCell;

/// How long typing must pause before the draft is saved, in milliseconds.
const SAVE_DELAY_MS: u32 = 300;

/// The draft found at mount, before the form's store exists.
pub struct Restored {
    store: Option<DraftStore>,
    saved: Option<SavedDraft>,
}

impl Restored {
    /// The saved draft of the form `options` describe, laid over `start` (its values for the
    /// fields shown editable; its custom fields wait for theirs to arrive).
    pub fn load(options: &AddContactOptions, start: &mut FormState) -> Restored {
        let store = options.persist_draft.map(|storage| {
            DraftStore::new(storage, options.api.org_id(), options.draft_key.as_deref())
        });
        let saved = store.as_ref().and_then(DraftStore::load);
        if let Some(saved) = &saved {
            saved.restore_values(&mut start.draft, &options.show);
        }
        Restored { store, saved }
    }
}

/// One form's unsent draft.
#[derive(Clone, Copy)]
pub struct DraftKeeper {
    /// Whether the notice "Restored your unsent draft" shows.
    pub restored: RwSignal<bool>,
    ctx: FormCtx,
    kept: StoredValue<Kept, LocalStorage>,
}

/// Where the draft is kept, and what waits to be written or laid over the form.
struct Kept {
    store: Option<DraftStore>,
    /// The save that waits for typing to pause (dropping it cancels it).
    timer: RefCell<Option<Timeout>>,
    /// The restored draft's custom fields, laid over them when they arrive.
    restored_custom: RefCell<Option<SavedDraft>>,
}

impl DraftKeeper {
    /// Keeps the draft of the form of `ctx`: saves it as typing pauses and as the page is left,
    /// and once more when the form is unmounted.
    pub fn new(ctx: FormCtx, restored: Restored) -> DraftKeeper {
        let shown = restored
            .saved
            .as_ref()
            .is_some_and(|s| !s.values.is_empty() || !s.custom.is_empty());
        let keeper = DraftKeeper {
            restored: RwSignal::new(shown),
            ctx,
            kept: StoredValue::new_local(Kept {
                timer: RefCell::default(),
                restored_custom: RefCell::new(restored.saved),
                store: restored.store,
            }),
        };
        if keeper.kept.with_value(|k| k.store.is_some()) {
            keeper.watch();
        }
        keeper
    }

    fn watch(self) {
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| self.save_now());
        on_cleanup(move || {
            self.save_now();
            pagehide.remove();
        });
        // What to keep is worked out when the timer fires, not on every keystroke.
        Effect::new(move |_| {
            self.ctx.store.track_changes();
            let write = move || {
                self.kept.try_with_value(|k| k.timer.take());
                if self.write() == Some(false) {
                    // The host's values again: nothing restored is left to discard.
                    self.restored.try_set(false);
                }
            };
            let timer = Timeout::new(SAVE_DELAY_MS, write);
            self.kept.try_with_value(|k| k.timer.replace(Some(timer)));
        });
    }

    /// The restored draft's custom fields, once (when the custom fields arrive).
    pub fn take_restored_custom(&self) -> Option<SavedDraft> {
        self.kept
            .try_with_value(|k| k.restored_custom.take())
            .flatten()
    }

    /// Forgets the unsent draft: created, reset or discarded.
    pub fn forget(&self) {
        self.cancel_save();
        self.kept.try_with_value(|k| {
            if let Some(store) = &k.store {
                store.remove();
            }
        });
        self.kept.try_with_value(|k| k.restored_custom.take());
        self.restored.try_set(false);
    }

    /// Stops the save that waits for typing to pause; whether there was one.
    fn cancel_save(&self) -> bool {
        // Dropping the timer clears it.
        let timer = self.kept.try_with_value(|k| k.timer.take()).flatten();
        timer.is_some()
    }

    /// Writes now a draft whose write waits for typing to pause: the form is going (unmounted,
    /// or the page is being left or reloaded).
    fn save_now(&self) {
        if self.cancel_save() {
            self.write();
        }
    }

    /// Writes the draft as the form holds it: saved, or removed when the form holds the host's
    /// values. Whether a draft is kept; `None` without a store (or once the form is gone).
    fn write(&self) -> Option<bool> {
        let kept = self.ctx.store.read(|s| self.kept(s))?;
        self.kept.try_with_value(|k| {
            let store = k.store.as_ref()?;
            match kept {
                Some(kept) => {
                    store.save(&kept);
                    Some(true)
                }
                None => {
                    store.remove();
                    Some(false)
                }
            }
        })?
    }

    /// What of the form is kept; `None` when it holds the host's values. A restored draft's
    /// custom fields count until the fields arrive and take them.
    fn kept(&self, s: &FormState) -> Option<SavedDraft> {
        let ctx = self.ctx;
        let keep =
            |draft: &ContactDraft| SavedDraft::of(draft, &ctx.show, |slug| ctx.custom_show(slug));
        let mut kept = keep(&s.draft);
        self.kept.with_value(|k| {
            if let Some(pending) = &*k.restored_custom.borrow() {
                kept.custom.extend(pending.custom.iter().cloned());
            }
        });
        (kept != keep(&s.initial)).then_some(kept)
    }
}
