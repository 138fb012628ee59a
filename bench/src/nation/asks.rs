//! What is timed at national size: one province's indicators, one commune's, the 34-row
//! national table (each beside the same counts written by hand in SQL, checked equal), and the
//! dashboard of a province and of a commune as their officers open it, and the nation's as the
//! national admin does.
use std::time::Instant;

use anyhow::{Result, ensure};
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Statement, Value,
};
use service::access::authz::Actor;
use service::entity::{province, unit};
use service::hr::indicators::{self, Indicators};

use crate::province::database::admin;
use crate::province::queries::{Latency, figures};

/// Trained and mastered by the date, from the records themselves (not the first dates the
/// product keeps on each assignment): an index probe per active person.
const TRAINED: &str = "EXISTS (SELECT 1 FROM training_records t WHERE t.person_id = a.person_id AND t.completed_on <= $1)";
const MASTERED: &str = "EXISTS (SELECT 1 FROM assessment_results m WHERE m.person_id = a.person_id AND m.passed AND m.taken_on <= $1)";

const SUMS: &str = "
  COALESCE(SUM(CASE WHEN u.level = 'tinh' AND a.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END), 0) AS pd,
  COALESCE(SUM(CASE WHEN u.level = 'tinh' AND a.kind IN ('can_bo', 'cong_chuc') AND {trained} THEN 1 ELSE 0 END), 0) AS pn,
  COALESCE(SUM(CASE WHEN u.level = 'xa' AND a.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END), 0) AS cd,
  COALESCE(SUM(CASE WHEN u.level = 'xa' AND a.kind IN ('can_bo', 'cong_chuc') AND {trained} THEN 1 ELSE 0 END), 0) AS cn,
  COALESCE(SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') THEN 1 ELSE 0 END), 0) AS md,
  COALESCE(SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') AND {mastered} THEN 1 ELSE 0 END), 0) AS mn";

/// The people active on the date in the units below a path.
const HAND_SUBTREE: &str = "SELECT {sums} FROM assignments a JOIN units u ON u.id = a.unit_id
  WHERE a.start_date <= $1 AND (a.end_date IS NULL OR a.end_date > $1) AND u.path LIKE $2";

/// The same per province, every province a row.
const HAND_BY_PROVINCE: &str = "SELECT p.code, {sums} FROM provinces p
  LEFT JOIN (units u JOIN assignments a ON a.unit_id = u.id
    AND a.start_date <= $1 AND (a.end_date IS NULL OR a.end_date > $1)) ON u.province_id = p.id
  GROUP BY p.id, p.code ORDER BY p.code";

fn hand_sql(template: &str) -> String {
    template
        .replace("{sums}", SUMS)
        .replace("{trained}", TRAINED)
        .replace("{mastered}", MASTERED)
}

/// Who and what the asks rotate over.
pub struct Subjects {
    pub nation: Actor,
    /// Each province with its own admin.
    pub provinces: Vec<(province::Model, Actor)>,
    /// Communes spread over the nation, with the admin of each one's province.
    pub communes: Vec<(unit::Model, usize)>,
}

/// The provinces, an admin for each (made once, kept with the data), and `n` communes picked
/// evenly from the nation's.
pub async fn subjects(db: &DatabaseConnection, nation: Actor, n: usize) -> Result<Subjects> {
    let all = province::Entity::find()
        .order_by_asc(province::Column::Code)
        .all(db)
        .await?;
    let mut provinces = Vec::with_capacity(all.len());
    for p in all {
        let admin = province_admin(db, &p).await?;
        provinces.push((p, admin));
    }
    let xa = unit::Entity::find()
        .filter(unit::Column::Level.eq("xa"))
        .order_by_asc(unit::Column::Id)
        .all(db)
        .await?;
    ensure!(!xa.is_empty(), "the nation has no commune");
    let step = (xa.len() / n.max(1)).max(1);
    let communes = xa
        .into_iter()
        .step_by(step)
        .take(n)
        .map(|u| {
            let at = provinces
                .iter()
                .position(|(p, _)| p.id == u.province_id)
                .expect("a commune's province");
            (u, at)
        })
        .collect();
    Ok(Subjects {
        nation,
        provinces,
        communes,
    })
}

/// The province's admin for the bench.
async fn province_admin(db: &DatabaseConnection, p: &province::Model) -> Result<Actor> {
    let login = format!("bench-admin-{}", p.code.to_lowercase());
    let actor = admin(db, &login, &format!("Quản trị {}", p.name), Some(p.id)).await?;
    ensure!(
        actor.province() == Some(p.id),
        "a province admin of {}",
        p.code
    );
    Ok(actor)
}

/// What one measured run asks, the `i`-th of the rotation.
#[derive(Clone, Copy)]
pub enum Ask {
    Province,
    Commune,
    Nation,
    ProvinceDashboard,
    CommuneDashboard,
    NationDashboard,
}

impl Ask {
    pub fn has_hand(self) -> bool {
        matches!(self, Ask::Province | Ask::Commune | Ask::Nation)
    }
}

/// Runs the ask `runs` times after two unmeasured runs, the hand-written SQL alternating with
/// it where there is one, each run on the next province or commune of the rotation.
pub async fn measure(
    db: &DatabaseConnection,
    s: &Subjects,
    name: &str,
    ask: Ask,
    as_of: NaiveDate,
    runs: usize,
    target_ms: f64,
) -> Result<Latency> {
    let (mut service, mut hand, mut same) = (Vec::new(), Vec::new(), true);
    for i in 0..runs + 2 {
        let start = Instant::now();
        let got = service_figures(db, s, ask, as_of, i).await?;
        let d = start.elapsed();
        let h = if ask.has_hand() {
            let start = Instant::now();
            let want = hand_figures(db, s, ask, as_of, i).await?;
            let h = start.elapsed();
            same &= got == want;
            Some(h)
        } else {
            None
        };
        if i >= 2 {
            service.push(d);
            hand.extend(h);
        }
    }
    Ok(Latency {
        name: name.to_owned(),
        target_ms,
        service,
        hand,
        same,
    })
}

async fn service_figures(
    db: &DatabaseConnection,
    s: &Subjects,
    ask: Ask,
    as_of: NaiveDate,
    i: usize,
) -> Result<Vec<Indicators>> {
    let (p, admin) = &s.provinces[i % s.provinces.len()];
    let (commune, at) = &s.communes[i % s.communes.len()];
    Ok(match ask {
        Ask::Province => {
            let root = service::province::root_path(p.id);
            vec![indicators::for_unit(db, as_of, None, &root).await?]
        }
        Ask::Commune => vec![indicators::for_unit(db, as_of, Some(commune), "/").await?],
        Ask::Nation => indicators::by_province(db, &s.nation, as_of)
            .await?
            .into_iter()
            .map(|r| r.indicators)
            .collect(),
        Ask::ProvinceDashboard => {
            dashboard_figures(service::hr::dashboard::dashboard(db, admin, None, as_of).await?)
        }
        Ask::NationDashboard => {
            dashboard_figures(service::hr::dashboard::dashboard(db, &s.nation, None, as_of).await?)
        }
        Ask::CommuneDashboard => {
            let officer = &s.provinces[*at].1;
            let d = service::hr::dashboard::dashboard(db, officer, Some(&commune.code), as_of);
            dashboard_figures(d.await?)
        }
    })
}

/// A dashboard's headline figures, to show it answered for the right unit.
fn dashboard_figures(d: domain::hr::Dashboard) -> Vec<Indicators> {
    vec![Indicators {
        provincial_trained: d.figures.provincial_trained,
        commune_trained: d.figures.commune_trained,
        mastered: d.figures.mastered,
    }]
}

async fn hand_figures(
    db: &DatabaseConnection,
    s: &Subjects,
    ask: Ask,
    as_of: NaiveDate,
    i: usize,
) -> Result<Vec<Indicators>> {
    let (sql, values): (&str, Vec<Value>) = match ask {
        Ask::Province => {
            let root = service::province::root_path(s.provinces[i % s.provinces.len()].0.id);
            (HAND_SUBTREE, vec![as_of.into(), format!("{root}%").into()])
        }
        Ask::Commune => {
            let path = &s.communes[i % s.communes.len()].0.path;
            (HAND_SUBTREE, vec![as_of.into(), format!("{path}%").into()])
        }
        Ask::Nation => (HAND_BY_PROVINCE, vec![as_of.into()]),
        _ => anyhow::bail!("no hand-written SQL for this ask"),
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            hand_sql(sql),
            values,
        ))
        .await?;
    rows.iter().map(figures).collect()
}
