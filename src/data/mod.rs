//! The organization's live data, through the API client: its definitions, loaded once per page
//! ([`loads`]), and the searches the form makes as the person types ([`search`]).

pub mod loads;
pub mod search;

pub use loads::{contact_types, custom_fields, ready_to_show, ready_to_show_with};
pub use search::{
    accounts_by_id, company_domain, contact_with_email, created_since, search_accounts,
    AccountSearch, AccountSearchFn, CLOCK_SKEW_MS,
};
