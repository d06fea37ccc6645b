//! The parts of the form that a release build keeps in wasm files of their own, fetched when the
//! form first needs them (the `split` feature; see docs/shell.md, "The parts of the wasm").
//! Without the feature each is here at once. A part that cannot be fetched leaves the form
//! working without it.

use super::custom;
use crate::form::controllers::live_data::{DrawCustom, PartMissing};
use futures::future::LocalBoxFuture;

/// The inputs of the organization's custom fields (`split_custom_inputs.wasm`): fetched when an
/// organization's custom fields first arrive.
pub fn custom_inputs() -> LocalBoxFuture<'static, Result<DrawCustom, PartMissing>> {
    Box::pin(async {
        #[cfg(feature = "split")]
        return custom_inputs_part().await;
        #[cfg(not(feature = "split"))]
        return custom_inputs_part();
    })
}

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        custom_inputs,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )
)]
fn custom_inputs_part() -> Result<DrawCustom, PartMissing> {
    Ok(custom::row)
}
