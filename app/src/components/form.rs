//! A form's field: its label, the control the page gives it, an optional hint and an optional
//! error under it. The control names them itself (`aria-describedby`, see [`described_by`]), so
//! a screen reader reads them with the control.
use leptos::prelude::*;

/// The id of a field's hint.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// The id of a field's error message.
pub fn error_id(id: &str) -> String {
    format!("{id}-loi")
}

/// The control's `aria-describedby`: its hint (if it has one) and its error (if any).
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [hint.then(|| hint_id(id)), error.then(|| error_id(id))]
        .into_iter()
        .flatten()
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn hint_line(id: &str, hint: Option<String>) -> impl IntoView + use<> {
    hint.map(|text| view! { <p class="hint" id=hint_id(id)>{text}</p> })
}

fn error_line(id: &str, error: Option<&'static str>) -> impl IntoView + use<> {
    error.map(|text| view! { <p class="field-error" id=error_id(id)>{text}</p> })
}

/// A labelled field (`<div class="field">`): `id` is the control's id, `label` its name.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    /// A line under the control (`id="{id}-hint"`).
    #[prop(optional, into)]
    hint: Option<String>,
    /// What is wrong with the value sent (`id="{id}-loi"`).
    #[prop(default = None)]
    error: Option<&'static str>,
    /// Takes the room left in a row of filters (a search box).
    #[prop(optional)]
    grow: bool,
    children: Children,
) -> impl IntoView {
    let class = if grow { "field grow" } else { "field" };
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            {children()}
            {hint_line(&id, hint)}
            {error_line(&id, error)}
        </div>
    }
}

/// A checkbox (the child) with its label after it, then an optional hint and error
/// (`<div class="field checkbox">`).
#[component]
pub fn CheckboxField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = None)] error: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field checkbox">
            {children()}
            <label for=id.clone()>{label}</label>
            {hint_line(&id, hint)}
            {error_line(&id, error)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_is_described_by_its_hint_then_its_error() {
        assert_eq!(described_by("login", false, false), None);
        assert_eq!(
            described_by("login", true, false).as_deref(),
            Some("login-hint")
        );
        assert_eq!(
            described_by("login", true, true).as_deref(),
            Some("login-hint login-loi")
        );
        assert_eq!(
            described_by("commune", false, true).as_deref(),
            Some("commune-loi")
        );
    }
}

/// A server action whose `ActionForm` also works on a page without the wasm: the browser posts
/// the form itself, and the server sends it back to the page with the answer kept for it (an
/// error in the URL, which `ServerAction::new` reads; a success in a one-use cookie, read here,
/// see `server::http::form_results`). The page then shows either as the action's value, as it
/// would after a call from the wasm.
pub fn form_action<S>() -> ServerAction<S>
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    #[cfg(feature = "ssr")]
    if action.value().with_untracked(Option::is_none)
        && let Some(answer) = crate::api::session::FormResult::take::<S::Output>(S::PATH)
    {
        action.value().set(Some(Ok(answer)));
    }
    action
}
