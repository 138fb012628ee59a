//! Charts drawn as SVG on the server: no script, readable before the wasm arrives, scaled to
//! the screen by their viewBox. Each is an image with a name; the page puts the same numbers in
//! a table beside it for screen readers and for copying.
use domain::hr::{IndicatorKey, IndicatorSet};
use domain::{Lang, format_percent};
use leptos::prelude::*;

use crate::i18n::use_hr_texts;

/// The colour of each indicator's series (AA contrast on white), in `IndicatorKey::ALL` order;
/// the legend's `.swatch-N` classes in style/main.css repeat them.
pub const SERIES_COLOURS: [&str; 3] = ["#0b5cad", "#1d6b35", "#a34a00"];

const WIDTH: f64 = 640.0;

/// A percentage in tenths, for drawing (the text always comes from `format_percent`).
fn tenths(set: &IndicatorSet, key: IndicatorKey) -> Option<u64> {
    set.get(key).percentage_tenths()
}

pub fn percent_text(set: &IndicatorSet, key: IndicatorKey, lang: Lang) -> Option<String> {
    set.get(key).percentage().map(|p| format_percent(p, lang))
}

/// The legend: which colour is which indicator.
#[component]
pub fn Legend() -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <ul class="legend" aria-hidden="true">
            {IndicatorKey::ALL.iter().enumerate().map(|(i, k)| view! {
                // A class per series, not a style attribute: the page's CSP allows no inline style.
                <li><span class=format!("swatch swatch-{i}")></span>{h.indicator_short(*k)}</li>
            }).collect_view()}
        </ul>
    }
}

/// Horizontal bars, three per unit (one per indicator), 0–100%.
#[component]
pub fn BarChart(title: String, rows: Vec<(String, IndicatorSet)>) -> impl IntoView {
    let lang = use_hr_texts().lang;
    let (label_h, bar_h, gap) = (24.0, 13.0, 14.0);
    let group_h = label_h + 3.0 * (bar_h + 3.0) + gap;
    let height = (rows.len() as f64 * group_h).max(group_h);
    let plot = WIDTH - 70.0;
    let groups = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, set))| {
            let top = i as f64 * group_h;
            let bars = IndicatorKey::ALL
                .iter()
                .zip(SERIES_COLOURS)
                .enumerate()
                .map(|(j, (key, colour))| {
                    let y = top + label_h + j as f64 * (bar_h + 3.0);
                    let w = tenths(&set, *key).map_or(0.0, |t| plot * t as f64 / 1000.0);
                    let text = percent_text(&set, *key, lang).unwrap_or_else(|| "—".to_owned());
                    view! {
                        <rect x="0" y=y width=w.max(1.0) height=bar_h fill=colour rx="2"/>
                        <text x=w + 6.0 y=y + bar_h - 2.0 class="chart-value">{text}</text>
                    }
                });
            view! {
                <g>
                    <text x="0" y=top + 17.0 class="chart-label">{label}</text>
                    {bars.collect_view()}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title data-testid="bar-chart">
            {groups}
        </svg>
    }
}

/// One line per indicator over the month ends, 0–100% on the vertical axis.
#[component]
pub fn LineChart(title: String, points: Vec<(String, IndicatorSet)>) -> impl IntoView {
    let (left, right, top, bottom, height) = (44.0, 32.0, 10.0, 28.0, 260.0);
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let n = points.len().max(2) as f64 - 1.0;
    let x = move |i: usize| left + plot_w * i as f64 / n;
    let y = move |t: u64| top + plot_h * (1.0 - t as f64 / 1000.0);
    let grid = [0u64, 250, 500, 750, 1000].map(|t| {
        view! {
            <line x1=left x2=WIDTH - right y1=y(t) y2=y(t) class="chart-grid"/>
            <text x=left - 6.0 y=y(t) + 4.0 text-anchor="end" class="chart-value">{format!("{}%", t / 10)}</text>
        }
    });
    let labels = points.iter().enumerate().filter(|(i, _)| i % 2 == points.len().saturating_sub(1) % 2).map(|(i, (date, _))| {
        view! { <text x=x(i) y=height - 8.0 text-anchor="middle" class="chart-value">{month_label(date)}</text> }
    });
    let lines = IndicatorKey::ALL.iter().zip(SERIES_COLOURS).map(|(key, colour)| {
        let coords: Vec<(f64, f64)> =
            points.iter().enumerate().filter_map(|(i, (_, set))| tenths(set, *key).map(|t| (x(i), y(t)))).collect();
        let path = coords.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
        view! {
            <polyline points=path fill="none" stroke=colour stroke-width="2.5"/>
            {coords.into_iter().map(|(a, b)| view! { <circle cx=a cy=b r="3.5" fill=colour/> }).collect_view()}
        }
    });
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title data-testid="line-chart">
            {grid.into_iter().collect_view()}
            {labels.collect_view()}
            {lines.collect_view()}
        </svg>
    }
}

/// `2026-02-28` → `02/2026`.
pub fn month_label(date: &str) -> String {
    match (date.get(0..4), date.get(5..7)) {
        (Some(y), Some(m)) => format!("{m}/{y}"),
        _ => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::month_label;

    #[test]
    fn months_read_as_month_slash_year() {
        assert_eq!(month_label("2026-02-28"), "02/2026");
        assert_eq!(month_label("x"), "x");
    }
}
