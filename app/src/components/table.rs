//! A data table inside its scroll region: a table wider than a phone scrolls sideways within a
//! named region the keyboard can reach (`tabindex="0"`), and the page itself never does.
use leptos::prelude::*;

/// `label` names the region (`aria-label`), or `labelledby` gives the id of the heading that
/// does; `testid` and `class` go on the table.
#[component]
pub fn DataTable(
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional)] labelledby: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label aria-labelledby=labelledby tabindex="0">
            <table data-testid=testid class=class>{children()}</table>
        </div>
    }
}
