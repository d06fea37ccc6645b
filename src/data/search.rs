//! Searches of the organization's data, each for one question the form asks: does a contact
//! already have this email (the duplicate warning, and after a lost reply whether the create
//! happened), and which accounts match a name, a domain or an ID (the account picker).

use crate::api::{self, ApiError, ApiRequest, Session};
use crate::model::contact::CreatedContact;
use crate::model::org::Account;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A host's account search: the query in, the accounts out (`None` when it failed).
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use thena_add_contact::{Account, AccountSearch, AccountSearchFn};
///
/// /// The portal's own lookup (its backend, in a real page).
/// fn find(query: &str) -> Vec<Account> {
///     let acme = Account {
///         id: "acc_acme".into(),
///         name: "Acme Corp".into(),
///         primary_domain: Some("acme.com".into()),
///     };
///     let query = query.to_lowercase();
///     let matches = |a: &Account| {
///         a.name.to_lowercase().contains(&query) || a.primary_domain.as_deref() == Some(&query)
///     };
///     [acme].into_iter().filter(matches).collect()
/// }
///
/// let search: AccountSearchFn = Rc::new(|query: String| {
///     let found = find(&query);
///     Box::pin(async move { Some(found) })
/// });
/// let account_search = AccountSearch::Host(search);
/// assert_eq!(find("acme.com")[0].name, "Acme Corp");
/// ```
pub type AccountSearchFn =
    Rc<dyn Fn(String) -> Pin<Box<dyn Future<Output = Option<Vec<Account>>>>>>;

/// Where the account picker finds accounts by name or domain.
///
/// # Examples
///
/// ```
/// use thena_add_contact::{AccountSearch, AddContactOptions, ApiConfig, TokenSource};
///
/// let api = ApiConfig::new("https://platform.thena.ai", "org_7Hq2").unwrap();
/// let mut options = AddContactOptions::new(api, TokenSource::fixed("eyJhbGciOi…"));
/// assert!(matches!(options.account_search, AccountSearch::Platform));
/// // This portal's people know their account IDs: no search.
/// options.account_search = AccountSearch::Off;
/// ```
#[derive(Clone, Default)]
pub enum AccountSearch {
    /// The platform's search API (`GET /v1/search/accounts`); a failure or a reply of another
    /// shape leaves the picker taking typed account IDs.
    #[default]
    Platform,
    /// The host's function, which knows its backend best.
    Host(AccountSearchFn),
    /// No search: accounts are added by their IDs.
    Off,
}

/// The contact of this organization that has `email`, if there is one.
pub async fn contact_with_email(
    session: &Session,
    email: &str,
) -> Result<Option<CreatedContact>, ApiError> {
    let request = ApiRequest::contact_search(email);
    let found: Vec<CreatedContact> = session.send(&request).await?.interpret(api::list)?;
    // The reference does not say whether the search is exact: only the same address counts.
    Ok(found
        .into_iter()
        .find(|contact| contact.email.trim().eq_ignore_ascii_case(email.trim())))
}

/// How much the service's clock may be behind the browser's when a lost reply is checked.
pub const CLOCK_SKEW_MS: f64 = 5.0 * 60.0 * 1000.0;

/// The contact with `email` that was created at or after `since_ms` (the browser's clock, in
/// milliseconds since 1970, give or take [`CLOCK_SKEW_MS`]): after a create whose reply was
/// lost, whether that create happened. A contact without a readable `createdAt` does not count.
pub async fn created_since(
    session: &Session,
    email: &str,
    since_ms: f64,
) -> Result<Option<CreatedContact>, ApiError> {
    let found = contact_with_email(session, email).await?;
    Ok(found.filter(|contact| {
        let created = contact
            .created_at
            .as_deref()
            .map_or(f64::NAN, js_sys::Date::parse);
        created >= since_ms - CLOCK_SKEW_MS
    }))
}

/// Accounts whose name or domain matches `query`: from the host's function, or the platform's
/// search API. `None` when there is no search, it failed, or its answer could not be read.
pub async fn search_accounts(
    search: &AccountSearch,
    session: &Session,
    query: &str,
) -> Option<Vec<Account>> {
    match search {
        AccountSearch::Off => None,
        AccountSearch::Host(search) => search(query.to_string()).await,
        AccountSearch::Platform => session
            .send(&ApiRequest::account_search(query))
            .await
            .ok()?
            .interpret(api::search_hits)
            .ok(),
    }
}

/// The accounts with these IDs that can be found (to show prefilled IDs by name). A host's
/// function is asked for each ID and must return the account itself among its results.
pub async fn accounts_by_id(
    search: &AccountSearch,
    session: &Session,
    ids: &[String],
) -> Vec<Account> {
    let found = match search {
        AccountSearch::Off => None,
        AccountSearch::Host(search) => {
            let mut found = Vec::new();
            for id in ids {
                found.extend(search(id.clone()).await.unwrap_or_default());
            }
            Some(found)
        }
        AccountSearch::Platform => {
            async {
                session
                    .send(&ApiRequest::accounts_by_id(ids))
                    .await
                    .ok()?
                    .interpret(api::search_hits)
                    .ok()
            }
            .await
        }
    };
    let mut found = found.unwrap_or_default();
    found.retain(|account| ids.contains(&account.id));
    found
}

/// Email domains anyone can sign up for: an address there says nothing about its company.
const PUBLIC_EMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "yandex.ru",
    "yandex.com",
    "zoho.com",
    "qq.com",
    "163.com",
    "fastmail.com",
    "hey.com",
];

/// The company domain of a valid `email`, unless it is a public one (gmail.com, …).
pub fn company_domain(email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.trim().to_ascii_lowercase();
    let public = PUBLIC_EMAIL_DOMAINS
        .iter()
        .any(|public| domain == *public || domain.ends_with(&format!(".{public}")));
    (!domain.is_empty() && !public).then_some(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_company_domains_suggest_an_account() {
        assert_eq!(company_domain("jane@Acme.com").as_deref(), Some("acme.com"));
        assert_eq!(
            company_domain("jane@eu.acme.com").as_deref(),
            Some("eu.acme.com")
        );
        for public in [
            "jane@gmail.com",
            "jane@GMAIL.com",
            "j@mail.yahoo.com",
            "j@proton.me",
        ] {
            assert_eq!(company_domain(public), None, "{public}");
        }
        assert_eq!(company_domain("no-at-sign"), None);
    }
}
