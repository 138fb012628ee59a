//! Database schema, one migration per step; run at start-up and by `hocvu migrate`.
pub use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_roster;
mod m0003_api_tokens;
mod m0004_record_evidence;
mod m0005_indicator_indexes;
mod m0006_first_dates;
mod m0007_learning;
mod m0008_assessment;
mod m0009_certificates;
mod m0010_attachments;
mod m0011_community;
mod m0012_offline;
mod m0013_access_limits;
mod m0014_link_consent;
mod m0015_offline_evidence;
mod m0016_pseudonymised;
mod m0017_sso_identities;
mod m0018_badge_keys;
mod m0019_token_expiry;
mod m0020_xapi_outbox;
mod m0021_reminders;
mod m0022_lesson_audio;
mod m0023_lesson_video;
mod m0024_placement;
mod m0025_provinces;
mod m0026_province_admin;
mod m0027_province_courses;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_roster::Migration),
            Box::new(m0003_api_tokens::Migration),
            Box::new(m0004_record_evidence::Migration),
            Box::new(m0005_indicator_indexes::Migration),
            Box::new(m0006_first_dates::Migration),
            Box::new(m0007_learning::Migration),
            Box::new(m0008_assessment::Migration),
            Box::new(m0009_certificates::Migration),
            Box::new(m0010_attachments::Migration),
            Box::new(m0011_community::Migration),
            Box::new(m0012_offline::Migration),
            Box::new(m0013_access_limits::Migration),
            Box::new(m0014_link_consent::Migration),
            Box::new(m0015_offline_evidence::Migration),
            Box::new(m0016_pseudonymised::Migration),
            Box::new(m0017_sso_identities::Migration),
            Box::new(m0018_badge_keys::Migration),
            Box::new(m0019_token_expiry::Migration),
            Box::new(m0020_xapi_outbox::Migration),
            Box::new(m0021_reminders::Migration),
            Box::new(m0022_lesson_audio::Migration),
            Box::new(m0023_lesson_video::Migration),
            Box::new(m0024_placement::Migration),
            Box::new(m0025_provinces::Migration),
            Box::new(m0026_province_admin::Migration),
            Box::new(m0027_province_courses::Migration),
        ]
    }
}
