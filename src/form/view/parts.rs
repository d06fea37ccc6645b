//! The parts of the form that a release build keeps in wasm files of their own, fetched when the
//! form first needs them (the `split` feature; see docs/shell.md#parts). Without the feature
//! each is here at once. A part that cannot be fetched leaves the form working without it.

use super::custom;
use crate::form::controllers::live_data::{LiveData, OrgPart, PartMissing};
use futures::future::LocalBoxFuture;

/// Loading the organization's contact types and custom fields, and drawing the custom fields.
pub fn org_part() -> LocalBoxFuture<'static, Result<OrgPart, PartMissing>> {
    Box::pin(async {
        #[cfg(feature = "split")]
        return org_data().await;
        #[cfg(not(feature = "split"))]
        return org_data();
    })
}

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(org_data, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn org_data() -> Result<OrgPart, PartMissing> {
    Ok(OrgPart {
        load: LiveData::load_now,
        row: custom::row,
    })
}
