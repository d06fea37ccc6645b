//! The organization's contact types and custom fields, as the form shows them: given by the host,
//! loaded (once per page, see [`crate::data`]), turned off, or failed with a way to load them
//! again. What arrives is checked against the host's values and laid into the form.

use super::draft::DraftKeeper;
use super::tasks::spawn_for_form;
use crate::data;
use crate::form::context::FormCtx;
use crate::form::events::{WidgetError, WidgetEvent};
use crate::form::options::Definitions;
use crate::form::show::Show;
use crate::form::store::CustomCell;
use crate::i18n::Text;
use crate::model::field::Field;
use crate::model::org::ContactType;
use crate::rules::CustomField;
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use leptos::prelude::*;
use std::rc::Rc;

/// A piece of the organization's live data, as the form shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Live<T> {
    /// Being loaded: the form says so.
    Loading,
    /// Here.
    Ready(T),
    /// Not loaded: a note says so and offers to load again.
    Failed,
    /// Turned off by the host.
    Off,
}

impl<T> Live<T> {
    /// Before it arrives: loading, unless the host turned it off (then never "Loading…").
    fn at_mount<D>(given: &Definitions<D>) -> Live<T> {
        match given {
            Definitions::Off => Live::Off,
            _ => Live::Loading,
        }
    }
}

/// How a custom field is drawn: the part of the form that draws custom fields, in a wasm file of
/// its own in a release build (the `split` feature), fetched when an organization's custom
/// fields first arrive. The form's view says where it comes from ([`LiveData::new`]).
pub type DrawCustom = fn(CustomCell) -> AnyView;

/// The part could not be fetched (offline, missing, refused): the form works on without it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> PartMissing {
        PartMissing
    }
}

/// Where [`DrawCustom`] comes from.
pub type DrawCustomSource = fn() -> LocalBoxFuture<'static, Result<DrawCustom, PartMissing>>;

/// The contact types and custom fields of one form.
#[derive(Clone, Copy)]
pub struct LiveData {
    /// The contact types the select offers.
    pub contact_types: RwSignal<Live<Rc<Vec<ContactType>>>, LocalStorage>,
    /// Whether the custom fields are in the form (they are in its store once ready).
    pub custom_fields: RwSignal<Live<()>>,
    /// How a custom field is drawn, once the part that draws them is here.
    pub draw_custom: RwSignal<Option<DrawCustom>>,
    part: DrawCustomSource,
    ctx: FormCtx,
    draft: DraftKeeper,
}

impl LiveData {
    /// The live data of the form of `ctx`, its custom fields drawn by the part `part` gives;
    /// nothing is asked for until [`LiveData::load`].
    pub fn new(ctx: FormCtx, draft: DraftKeeper, part: DrawCustomSource) -> LiveData {
        let (types, fields) = ctx
            .with_options(|o| {
                (
                    Live::at_mount(&o.contact_types),
                    Live::at_mount(&o.custom_fields),
                )
            })
            .unwrap_or((Live::Off, Live::Off));
        LiveData {
            contact_types: RwSignal::new_local(types),
            custom_fields: RwSignal::new(fields),
            draw_custom: RwSignal::new(None),
            part,
            ctx,
            draft,
        }
    }

    /// Whether the contact types or the custom fields (or the part that draws them) are on
    /// their way (tracked): the form's `data-loading`.
    pub fn is_loading(&self) -> bool {
        self.contact_types.with(|t| matches!(t, Live::Loading))
            || self.custom_fields.with(|f| matches!(f, Live::Loading))
    }

    /// Asks for both (at mount, once the form is ready).
    pub fn load(&self) {
        self.load_contact_types();
        self.load_custom_fields();
    }

    /// The contact types: the host's, or loaded; the form's unmount stops the wait.
    pub fn load_contact_types(&self) {
        let this = *self;
        let Some((session, given)) = self
            .ctx
            .with_options(|o| (o.session(), o.contact_types.clone()))
        else {
            return;
        };
        match given {
            Definitions::Off => self.contact_types.set(Live::Off),
            Definitions::Given(types) => self.contact_types_arrived(Rc::new(types)),
            Definitions::Load => {
                self.contact_types.set(Live::Loading);
                spawn_for_form(async move {
                    match data::contact_types(&session).await {
                        Ok(types) => this.contact_types_arrived(types),
                        Err(_) => {
                            this.contact_types.try_set(Live::Failed);
                        }
                    }
                });
            }
        }
    }

    /// The custom fields: the host's definitions, or loaded.
    pub fn load_custom_fields(&self) {
        let this = *self;
        let Some((session, given)) = self
            .ctx
            .with_options(|o| (o.session(), o.custom_fields.clone()))
        else {
            return;
        };
        match given {
            Definitions::Off => self.custom_fields.set(Live::Off),
            Definitions::Given(definitions) => {
                self.custom_fields_arrived(Rc::new(data::ready_to_show(definitions)))
            }
            Definitions::Load => {
                self.custom_fields.set(Live::Loading);
                spawn_for_form(async move {
                    match data::custom_fields(&session).await {
                        Ok(fields) => this.custom_fields_arrived(fields),
                        Err(_) => {
                            this.custom_fields.try_set(Live::Failed);
                        }
                    }
                });
            }
        }
    }

    /// The host's contact type must be one of them (else it is reported and the organization's
    /// default shows instead); the default is preselected.
    fn contact_types_arrived(&self, types: Rc<Vec<ContactType>>) {
        let store = self.ctx.store;
        if store.is_gone() {
            return;
        }
        let given = store.value_now(Field::ContactType).trim().to_string();
        if !given.is_empty() && !types.iter().any(|t| t.id == given) {
            let texts = self.ctx.texts();
            let message = texts.fill(Text::ContactTypeUnknown, &[("id", &given)]);
            store.update(|s| s.drop_contact_type());
            self.ctx
                .emit(WidgetEvent::Error(&WidgetError::options(message)));
        }
        if let Some(default) = types.iter().find(|t| t.is_default) {
            store.update(|s| s.default_contact_type(&default.id));
        }
        self.contact_types.try_set(Live::Ready(types));
    }

    /// The custom fields are laid into the form once the part that draws them is here: at
    /// once when it is (always, in a build without parts), else when it has arrived. A part that
    /// cannot arrive leaves the custom fields failed, with their note and "Load again" (as a
    /// failed load of their definitions does), and the form without them.
    fn custom_fields_arrived(&self, fields: Rc<Vec<Rc<CustomField>>>) {
        if fields.is_empty() {
            return self.lay_custom_fields(fields);
        }
        let this = *self;
        let arrived = move |part: Result<DrawCustom, PartMissing>| match part {
            Ok(draw) => {
                this.draw_custom.try_set(Some(draw));
                this.lay_custom_fields(fields);
            }
            Err(PartMissing) => {
                this.custom_fields.try_set(Live::Failed);
            }
        };
        let mut part = (self.part)();
        match (&mut part).now_or_never() {
            Some(part) => arrived(part),
            None => {
                self.custom_fields.set(Live::Loading);
                spawn_for_form(async move { arrived(part.await) });
            }
        }
    }

    /// Shown below the built-in fields, with the host's values or their defaults (or a restored
    /// draft's). A name in `hidden` or `readOnly` that names no field is reported, as a misspelt
    /// built-in name is at mount.
    fn lay_custom_fields(&self, fields: Rc<Vec<Rc<CustomField>>>) {
        let (ctx, store) = (self.ctx, self.ctx.store);
        let Some(custom_show) = ctx.with_options(|o| o.custom_show.clone()) else {
            return;
        };
        let show = |slug: &str| ctx.custom_show(slug);
        store.update(|s| s.add_custom_fields(&fields, |slug| show(slug) != Show::Hidden));
        if let Some(saved) = self.draft.take_restored_custom() {
            store.update(|s| saved.restore_custom(&mut s.draft, show));
        }
        self.custom_fields.try_set(Live::Ready(()));
        for (slug, how) in &custom_show {
            if !fields.iter().any(|f| f.definition.slug() == slug) {
                let option = if *how == Show::Hidden {
                    "hidden"
                } else {
                    "readOnly"
                };
                let message = format!("{option} names no field \"{slug}\"");
                ctx.emit(WidgetEvent::Error(&WidgetError::options(message)));
            }
        }
    }
}
