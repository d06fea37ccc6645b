//! The create, with the check that keeps a lost reply from making a second contact: when no
//! readable reply came (the network failed, the reply was cut off, a 2xx could not be read), the
//! create may have happened all the same, so before anything is sent again a search asks
//! whether the contact now exists.

use crate::api::{ApiError, ApiRequest, Session};
use crate::data;
use crate::model::contact::{CreatedContact, NewContact};
use leptos::prelude::*;
use std::cell::RefCell;

/// A create whose outcome is unknown: the email it sent and when the earliest such attempt left
/// (ms since 1970). Until the contact is known created, each new attempt first asks whether it
/// was.
#[derive(Clone, Copy)]
pub struct LostReply(StoredValue<RefCell<Option<(String, f64)>>, LocalStorage>);

/// How a create ended well: the contact, and whether it was found by the lost-reply check
/// rather than read from the create's own reply.
pub struct Created {
    /// The created contact.
    pub contact: CreatedContact,
    /// Found by the check after a lost reply.
    pub recovered: bool,
}

impl Default for LostReply {
    /// No lost reply on record.
    fn default() -> LostReply {
        LostReply(StoredValue::new_local(RefCell::new(None)))
    }
}

impl LostReply {
    /// When the create of `email` whose reply was lost left, if one did.
    fn since(&self, email: &str) -> Option<f64> {
        self.0
            .try_with_value(|lost| match &*lost.borrow() {
                Some((sent, since)) if sent.eq_ignore_ascii_case(email) => Some(*since),
                _ => None,
            })
            .flatten()
    }

    /// A create of `email` that left at `left` got no readable reply; returns when the earliest
    /// such attempt of that email left.
    fn lost(&self, email: &str, left: f64) -> f64 {
        let since = self.since(email).map_or(left, |since| since.min(left));
        self.0
            .try_with_value(|lost| lost.replace(Some((email.to_string(), since))));
        since
    }

    /// The contact is known created: nothing is lost any more.
    pub fn settled(&self) {
        self.0.try_with_value(|lost| lost.take());
    }

    /// Sends `body`, unless an earlier create of the same email turns out to have worked; after
    /// a lost reply (or a 409 after one), asks whether this create worked. `offline` says
    /// whether the browser has no network (then nobody is asked).
    pub async fn create(
        &self,
        session: &Session,
        body: &NewContact,
        offline: impl Fn() -> bool,
    ) -> Result<Created, ApiError> {
        let email = &body.email;
        let created_since = |since| data::created_since(session, email, since);
        let found = |contact| Created {
            contact,
            recovered: true,
        };
        // An earlier create of this email may have worked though its reply was lost.
        let lost = self.since(email);
        if let Some(since) = lost {
            if let Ok(Some(contact)) = created_since(since).await {
                return Ok(found(contact));
            }
        }
        let left = js_sys::Date::now();
        let request = ApiRequest::create(body)?;
        let sent = session.send(&request).await;
        let error = match sent.and_then(|answer| answer.created_contact()) {
            Ok(contact) => {
                return Ok(Created {
                    contact,
                    recovered: false,
                })
            }
            Err(error) => error,
        };
        // No readable reply, or a 409 after such a reply: did it create the contact?
        let unknown = error.outcome_unknown();
        let ours = error.is_conflict() && lost.is_some();
        if !(unknown || ours) {
            return Err(error);
        }
        let since = self.lost(email, left);
        if unknown && offline() {
            return Err(error);
        }
        match created_since(since).await {
            Ok(Some(contact)) => Ok(found(contact)),
            Ok(None) => Err(error.not_found_after()),
            Err(_) => Err(error),
        }
    }
}
