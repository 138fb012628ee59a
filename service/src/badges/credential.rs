//! The `OpenBadgeCredential` of a certificate and the status list credential that says which
//! are revoked, each signed as a `vc+jwt`. A credential is made again on each request from
//! what is kept (the certificate, its status entry and salt, the key that signs now), so an
//! erased holder's name and identifiers leave the credential with their account.
use chrono::{DateTime, SecondsFormat};
use domain::account::{Login, LoginKind};
use domain::certificate::CertificateKind;
use domain::learning::CompetenceDomain;
use rand::{Rng, RngCore};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, sea_query::Query,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::keys::{self, KeySource};
use super::status_list::{Bitstring, LIST_BITS, list_of};
use super::{Site, jws};
use crate::access::authz::Actor;
use crate::entity::{badge_entry, certificate, course, person, quiz, user};
use crate::{Error, Result};

/// The W3C Verifiable Credentials 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// A credential, signed and as JSON.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The compact JWS (`header.payload.signature`).
    pub jwt: String,
    /// The payload: the credential itself.
    pub credential: Value,
}

/// A certificate's credential as its holder downloads it.
#[derive(Clone, Debug)]
pub struct Issued {
    pub signed: Signed,
    /// The certificate's canonical code.
    pub code: String,
    /// Whether the certificate is revoked (its bit set in the status list).
    pub revoked: bool,
}

/// The credential of a certificate, for its holder or an admin (`NotFound` to anyone else).
pub async fn for_download(
    db: &DatabaseConnection,
    actor: &Actor,
    typed: &str,
    site: &Site,
    source: &KeySource,
) -> Result<Issued> {
    let cert = crate::assess::certificates::row_for_download(db, actor, typed).await?;
    let entry = entry_of(db, cert.id).await?;
    let achievement = achievement(db, &cert, site).await?;
    let identifiers = identifiers(db, cert.user_id, &entry.salt).await?;
    let credential = json!({
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": format!("{}{}", site.origin, (site.links.verify)(&cert.code)),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": cert.title,
        "issuer": site.issuer(),
        "validFrom": timestamp(cert.created_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "achievement": achievement,
        },
        "credentialStatus": status_entry(site, &entry),
    });
    Ok(Issued {
        signed: sign(db, site, source, credential).await?,
        revoked: cert.revoked_on.is_some(),
        code: cert.code,
    })
}

async fn sign(
    db: &DatabaseConnection,
    site: &Site,
    source: &KeySource,
    credential: Value,
) -> Result<Signed> {
    let key = keys::current(db, source).await?;
    let jwt = jws::sign(&key.signing, &site.kid_url(&key.thumbprint), &credential);
    Ok(Signed { jwt, credential })
}

/// `2026-12-06T09:12:33Z`
fn timestamp(epoch: i64) -> String {
    DateTime::from_timestamp(epoch, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn status_entry(site: &Site, entry: &badge_entry::Model) -> Value {
    let list = site.status_list_url(entry.list);
    json!({
        "id": format!("{list}#{}", entry.position),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": entry.position.to_string(),
        "statusListCredential": list,
    })
}

/// The certificate's status entry and salt, drawn the first time its credential is made: a
/// random free bit of its list (a unique index keeps two certificates off one bit).
async fn entry_of(db: &impl ConnectionTrait, certificate_id: i32) -> Result<badge_entry::Model> {
    for _ in 0..32 {
        if let Some(found) = badge_entry::Entity::find_by_id(certificate_id)
            .one(db)
            .await?
        {
            return Ok(found);
        }
        let (position, salt) = {
            let mut rng = rand::rng();
            let mut salt = [0u8; 16];
            rng.fill_bytes(&mut salt);
            (rng.random_range(0..LIST_BITS as i32), hex(&salt))
        };
        let row = badge_entry::ActiveModel {
            certificate_id: sea_orm::Set(certificate_id),
            list: sea_orm::Set(list_of(certificate_id)),
            position: sea_orm::Set(position),
            salt: sea_orm::Set(salt),
        };
        badge_entry::Entity::insert(row)
            .on_conflict_do_nothing()
            .exec_without_returning(db)
            .await?;
    }
    Err(Error::internal("no free bit in the status list"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `sha256$` and the hex SHA-256 of the value followed by the salt (Open Badges 3.0).
pub fn identity_hash(value: &str, salt: &str) -> String {
    format!("sha256${}", hex(&Sha256::digest(format!("{value}{salt}"))))
}

/// The holder, as Open Badges identifies a subject without an id: the name in clear (the
/// public page shows it too), the e-mail address, phone number and personal ID number only
/// hashed with the certificate's salt. Nothing once the holder erased their account.
async fn identifiers(db: &impl ConnectionTrait, user_id: i32, salt: &str) -> Result<Vec<Value>> {
    let Some(holder) = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.erased_at.is_none())
    else {
        return Ok(Vec::new());
    };
    let personal_id = person::Entity::find()
        .filter(person::Column::UserId.eq(user_id))
        .filter(person::Column::PseudonymisedAt.is_null())
        .one(db)
        .await?
        .and_then(|p| p.personal_id);
    let login = Login::parse(&holder.login).ok();
    let login_of = |kind: LoginKind| {
        login
            .as_ref()
            .filter(|l| l.kind() == kind)
            .map(|l| l.as_str().to_owned())
    };
    let secrets = [
        (
            "emailAddress",
            holder.email.clone().or_else(|| login_of(LoginKind::Email)),
        ),
        (
            "phoneNumber",
            holder.phone.clone().or_else(|| login_of(LoginKind::Phone)),
        ),
        ("nationalIdentityNumber", personal_id),
    ];
    let mut out = Vec::new();
    if !holder.full_name.trim().is_empty() {
        out.push(json!({
            "type": "IdentityObject", "identityType": "name", "hashed": false,
            "identityHash": holder.full_name,
        }));
    }
    for (kind, value) in secrets {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            out.push(json!({
                "type": "IdentityObject", "identityType": kind, "hashed": true,
                "identityHash": identity_hash(value.trim(), salt), "salt": salt,
            }));
        }
    }
    Ok(out)
}

/// What was achieved: the course or assessment, what it takes, and its competence domains.
async fn achievement(
    db: &impl ConnectionTrait,
    cert: &certificate::Model,
    site: &Site,
) -> Result<Value> {
    let kind = CertificateKind::parse(&cert.kind).unwrap_or(CertificateKind::Course);
    // `course:<course id>:<user id>` or `mastery:<quiz id>:<user id>`.
    let subject_id: i32 = cert
        .subject_key
        .split(':')
        .nth(1)
        .and_then(|id| id.parse().ok())
        .unwrap_or_default();
    let code = &cert.programme_code;
    let (path, domains) = match kind {
        CertificateKind::Course => (
            (site.links.course)(code),
            course_domains(db, subject_id).await?,
        ),
        CertificateKind::Mastery => (
            (site.links.quiz)(code),
            mastery_domains(db, subject_id).await?,
        ),
    };
    let words = Wording::of(kind, code, &cert.title);
    Ok(json!({
        "id": format!("{}{path}", site.origin),
        "type": ["Achievement"],
        "achievementType": words.achievement_type,
        "name": cert.title,
        "description": words.description,
        "criteria": {"narrative": words.criteria},
        "humanCode": code,
        "inLanguage": "vi",
        "tag": domains.iter().map(|d| d.names().0).collect::<Vec<_>>(),
        "alignment": domains.iter().map(|d| alignment(*d, site)).collect::<Vec<_>>(),
    }))
}

/// How an achievement is described, in Vietnamese.
struct Wording {
    achievement_type: &'static str,
    description: String,
    criteria: String,
}

impl Wording {
    fn of(kind: CertificateKind, code: &str, title: &str) -> Self {
        match kind {
            CertificateKind::Course => Wording {
                achievement_type: "CertificateOfCompletion",
                description: format!("Hoàn thành khoá học {code} «{title}»."),
                criteria: format!(
                    "Hoàn thành mọi bài học của khoá học {code} và đạt bài kiểm tra cuối khoá \
                     (nếu khoá học có bài kiểm tra)."
                ),
            },
            CertificateKind::Mastery => Wording {
                achievement_type: "Assessment",
                description: format!("Đạt bài đánh giá làm chủ kỹ năng số {code} «{title}»."),
                criteria: format!(
                    "Đạt bài đánh giá {code}: điểm chung đạt ngưỡng đạt của bài (mặc định 80%) \
                     và điểm của mỗi lĩnh vực năng lực số đạt điểm sàn (mặc định 50%)."
                ),
            },
        }
    }
}

fn alignment(d: CompetenceDomain, site: &Site) -> Value {
    let (vi, en) = d.names();
    json!({
        "type": ["Alignment"],
        "targetName": vi,
        "targetDescription": en,
        "targetCode": d.code(),
        "targetFramework": "Khung năng lực số cho người dân (Việt Nam)",
        "targetType": "CFItem",
        "targetUrl": format!("{}{}?domain={}", site.origin, site.links.catalogue, d.code()),
    })
}

async fn course_domains(db: &impl ConnectionTrait, id: i32) -> Result<Vec<CompetenceDomain>> {
    let course = course::Entity::find_by_id(id).one(db).await?;
    Ok(course
        .map(|c| crate::learn::catalogue::competences_of(&c))
        .unwrap_or_default())
}

/// The domains a mastery assessment draws questions from; all six when its rules name none.
async fn mastery_domains(db: &impl ConnectionTrait, id: i32) -> Result<Vec<CompetenceDomain>> {
    let rules = quiz::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|q| crate::assess::attempts::rules_of(&q))
        .unwrap_or_default();
    let named: Vec<CompetenceDomain> = CompetenceDomain::ALL
        .into_iter()
        .filter(|d| rules.iter().any(|r| r.domain == Some(*d)))
        .collect();
    Ok(if named.is_empty() {
        CompetenceDomain::ALL.to_vec()
    } else {
        named
    })
}

/// Status list `list` as a signed `BitstringStatusListCredential`: the bits of the revoked
/// certificates set. `NotFound` for a list that holds no certificate.
pub async fn status_list(
    db: &DatabaseConnection,
    list: i32,
    site: &Site,
    source: &KeySource,
) -> Result<Signed> {
    let in_list = badge_entry::Entity::find().filter(badge_entry::Column::List.eq(list));
    if in_list.clone().count(db).await? == 0 {
        return Err(Error::NotFound);
    }
    let revoked: Vec<i32> = in_list
        .filter(
            badge_entry::Column::CertificateId.in_subquery(
                Query::select()
                    .column(certificate::Column::Id)
                    .from(certificate::Entity)
                    .and_where(certificate::Column::RevokedOn.is_not_null())
                    .to_owned(),
            ),
        )
        .select_only()
        .column(badge_entry::Column::Position)
        .into_tuple()
        .all(db)
        .await?;
    let mut bits = Bitstring::default();
    for position in revoked {
        bits.set(usize::try_from(position).unwrap_or(usize::MAX));
    }
    let url = site.status_list_url(list);
    let credential = json!({
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": site.issuer(),
        "validFrom": timestamp(crate::now()),
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": bits.encode(),
        },
    });
    sign(db, site, source, credential).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_hash_is_sha256_of_value_and_salt() {
        // sha256("abc") is the FIPS 180-2 example.
        assert_eq!(
            identity_hash("a", "bc"),
            "sha256$ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn timestamps_are_utc_seconds() {
        assert_eq!(timestamp(1_780_000_000), "2026-05-28T20:26:40Z");
    }
}
