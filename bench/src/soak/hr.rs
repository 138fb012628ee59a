//! HR officers: their dashboard, indicators, people pages and exports, signed in as the demo
//! HR account; and the periodic import of a roster and training records in their own unit.
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::session::Session;
use super::tally::Tally;
use crate::target::Target;

/// Rounds of pages between two sign-ins of the same officer.
const ROUNDS_PER_SESSION: u32 = 5;

/// Who the officers are and what they look at.
#[derive(Clone, Debug)]
pub struct Officer {
    pub login: String,
    pub password: String,
    /// Their unit (the roster rows of the import are in it and its first sub-unit).
    pub unit: String,
    pub sub_unit: String,
    /// A person of the unit whose page is opened.
    pub person: String,
}

impl Officer {
    /// The pages of one round, each with its kind.
    pub fn round(&self, t: &Target) -> Vec<(&'static str, String)> {
        let u = &self.unit;
        [
            ("hr dashboard", "/don-vi".to_owned()),
            ("hr people", "/don-vi/nhan-su".to_owned()),
            ("hr person", format!("/don-vi/nhan-su/{}", self.person)),
            ("hr import page", "/don-vi/nhap-du-lieu".to_owned()),
            ("hr indicators api", format!("/api/v1/indicators?unit={u}")),
            (
                "hr indicators by-unit api",
                format!("/api/v1/indicators/by-unit?unit={u}"),
            ),
            (
                "hr indicators export",
                format!("/api/v1/indicators/export?unit={u}&format=xlsx"),
            ),
            (
                "hr people export",
                format!("/don-vi/nhan-su/xuat?unit={u}&format=csv"),
            ),
            (
                "hr roster export",
                format!("/api/v1/roster/export?unit={u}&format=csv"),
            ),
            (
                "hr records export",
                format!("/api/v1/training-records/export?unit={u}&format=xlsx"),
            ),
        ]
        .into_iter()
        .map(|(k, p)| (k, t.join(&p)))
        .collect()
    }
}

/// One officer until `end`, pausing `pause` after each page, signing in again now and then.
pub async fn run(t: Target, tally: Arc<Tally>, who: Officer, pause: Duration, end: Instant) {
    let mut me = Session::new(&t, tally);
    let pages = who.round(&t);
    for n in 0u32.. {
        if Instant::now() >= end {
            break;
        }
        if n % ROUNDS_PER_SESSION == 0 {
            if me.signed_in() {
                me.sign_out("hr sign-out").await;
            }
            if !me.sign_in("hr sign-in", &who.login, &who.password).await {
                tokio::time::sleep(pause).await;
                continue;
            }
        }
        for (kind, path) in &pages {
            if Instant::now() >= end {
                break;
            }
            me.get(kind, path).await;
            tokio::time::sleep(pause).await;
        }
    }
    if me.signed_in() {
        me.sign_out("hr sign-out").await;
    }
}

/// The files of one import round: a roster of `people` people in the officer's unit and its
/// sub-unit, and one training record each, its note naming the round (so every round changes
/// every record).
pub struct ImportFiles {
    pub prefix: String,
    pub people: usize,
}

impl ImportFiles {
    pub fn staff_code(&self, i: usize) -> String {
        format!("{}-{i:04}", self.prefix)
    }

    pub fn roster(&self, who: &Officer) -> String {
        let mut csv = String::from("ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n");
        for i in 0..self.people {
            let unit = if i % 2 == 0 { &who.unit } else { &who.sub_unit };
            csv.push_str(&format!(
                "{},Cán bộ đo tải {i},{unit},cong_chuc,2025-01-01\n",
                self.staff_code(i)
            ));
        }
        csv
    }

    pub fn records(&self, round: u32) -> String {
        let mut csv = String::from("ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu\n");
        for i in 0..self.people {
            csv.push_str(&format!(
                "{},KNS-AT-01,2025-06-15,truc_tiep,Đợt đo tải {round}\n",
                self.staff_code(i)
            ));
        }
        csv
    }
}

/// One import round as `who`: the roster, then the training records; true when both were taken.
pub async fn import_once(me: &mut Session, who: &Officer, files: &ImportFiles, round: u32) -> bool {
    if !me.signed_in()
        && !me
            .sign_in("import sign-in", &who.login, &who.password)
            .await
    {
        return false;
    }
    let roster = me
        .post(
            "import roster",
            "/api/v1/roster/import",
            files.roster(who).into_bytes(),
            "text/csv",
            super::session::any_success,
        )
        .await;
    let records = me
        .post(
            "import training-records",
            "/api/v1/training-records/import",
            files.records(round).into_bytes(),
            "text/csv",
            super::session::any_success,
        )
        .await;
    roster.is_some() && records.is_some()
}

/// Imports every `every` until `end` (round 0 was done before the traffic started).
pub async fn import_loop(
    t: Target,
    tally: Arc<Tally>,
    who: Officer,
    files: ImportFiles,
    every: Duration,
    end: Instant,
) -> u32 {
    let mut me = Session::new(&t, tally);
    let mut next = Instant::now() + every;
    let mut rounds = 0;
    for round in 1u32.. {
        tokio::time::sleep_until(next).await;
        if Instant::now() >= end {
            break;
        }
        import_once(&mut me, &who, &files, round).await;
        rounds += 1;
        next += every;
    }
    rounds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_files_are_in_the_officers_units_and_change_every_round() {
        let who = Officer {
            login: "nhansu".into(),
            password: "x".into(),
            unit: "T-SKHCN".into(),
            sub_unit: "T-SKHCN-CDS".into(),
            person: "SK1-0000".into(),
        };
        let f = ImportFiles {
            prefix: "SK1".into(),
            people: 3,
        };
        let roster = f.roster(&who);
        assert_eq!(roster.lines().count(), 4);
        assert!(roster.contains("SK1-0001,Cán bộ đo tải 1,T-SKHCN-CDS,"));
        assert_ne!(f.records(1), f.records(2));
        assert_eq!(f.records(1).lines().count(), 4);
    }
}
