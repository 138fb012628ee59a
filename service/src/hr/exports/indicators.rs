//! The indicators of a scope as a table: one row per direct sub-unit, then a total row.
use chrono::NaiveDate;
use domain::Ratio;
use sea_orm::ConnectionTrait;

use super::{Cell, Scope, Sheet};
use crate::Result;
use crate::hr::indicators::{self, Indicators};

/// The words of the table, in the reader's language (the caller's i18n tables give them).
pub struct Headings<'a> {
    pub unit_code: &'a str,
    pub unit_name: &'a str,
    pub level: &'a str,
    /// The three indicators' names, in the order provincial, commune, mastered.
    pub indicators: [&'a str; 3],
    pub numerator: &'a str,
    pub denominator: &'a str,
    pub percentage: &'a str,
    /// The name written in the total row.
    pub total: &'a str,
}

fn header_row(h: &Headings<'_>) -> Vec<String> {
    let mut row = vec![
        h.unit_code.to_owned(),
        h.unit_name.to_owned(),
        h.level.to_owned(),
    ];
    for name in h.indicators {
        for part in [h.numerator, h.denominator, h.percentage] {
            row.push(format!("{name} — {part}"));
        }
    }
    row
}

fn figures(i: &Indicators) -> Vec<Cell> {
    let ratio = |r: &Ratio| {
        [
            Cell::from(r.numerator),
            Cell::from(r.denominator),
            r.percentage().map_or(Cell::Empty, Cell::Percent),
        ]
    };
    [i.provincial_trained, i.commune_trained, i.mastered]
        .iter()
        .flat_map(ratio)
        .collect()
}

pub async fn table(
    db: &impl ConnectionTrait,
    scope: &Scope,
    as_of: NaiveDate,
    h: &Headings<'_>,
) -> Result<Sheet> {
    let mut t = Sheet::new(header_row(h));
    for row in indicators::by_unit(db, as_of, scope.unit(), scope.root()).await? {
        let mut cells: Vec<Cell> = vec![
            row.unit.code.into(),
            row.unit.name.into(),
            row.unit.level.as_str().into(),
        ];
        cells.extend(figures(&row.indicators));
        t.push(cells);
    }
    let total = indicators::for_unit(db, as_of, scope.unit(), scope.root()).await?;
    let (code, level) = scope.unit().map_or((Cell::Empty, Cell::Empty), |u| {
        (u.code.clone().into(), u.level.clone().into())
    });
    let mut cells = vec![code, h.total.into(), level];
    cells.extend(figures(&total));
    t.push(cells);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_columns_per_indicator_and_no_percentage_for_an_empty_denominator() {
        let h = Headings {
            unit_code: "Mã",
            unit_name: "Tên",
            level: "Cấp",
            indicators: ["A", "B", "C"],
            numerator: "tử số",
            denominator: "mẫu số",
            percentage: "tỷ lệ (%)",
            total: "Tổng",
        };
        let head = header_row(&h);
        assert_eq!(head.len(), 3 + 9);
        assert_eq!(head[3], "A — tử số");
        assert_eq!(head[11], "C — tỷ lệ (%)");
        let i = Indicators {
            provincial_trained: Ratio::new(965, 1000),
            commune_trained: Ratio::new(0, 0),
            mastered: Ratio::new(1, 3),
        };
        let cells = figures(&i);
        assert_eq!(
            cells[..3],
            [
                Cell::Number(965.0),
                Cell::Number(1000.0),
                Cell::Percent(96.5)
            ]
        );
        assert_eq!(cells[5], Cell::Empty);
        assert_eq!(cells[8], Cell::Percent(33.3));
    }
}
