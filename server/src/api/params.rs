//! The values some query parameters accept, for the OpenAPI document only: the handlers read
//! the query as text and refuse anything else (400), so a client generator and Schemathesis
//! should know the closed lists. The handlers also take an empty value as an absent one (an
//! HTML form sends its empty fields), and ignore case and surrounding spaces.
use serde::Serialize;
use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// An export's file type: `csv` or `xlsx`; empty: the default, CSV.
pub struct ExportFormat;

impl PartialSchema for ExportFormat {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["", "csv", "xlsx"]))
            .into()
    }
}

impl ToSchema for ExportFormat {}

/// An indicator of SPEC, or empty for none.
pub struct IndicatorOrEmpty;

impl PartialSchema for IndicatorOrEmpty {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([
                "",
                "provincial_trained",
                "commune_trained",
                "mastered",
            ]))
            .into()
    }
}

impl ToSchema for IndicatorOrEmpty {}

/// A person's status on the date, or empty for any.
pub struct StatusOrEmpty;

impl PartialSchema for StatusOrEmpty {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([
                "",
                "trained",
                "not_trained",
                "mastered",
                "not_mastered",
            ]))
            .into()
    }
}

impl ToSchema for StatusOrEmpty {}

/// A date `YYYY-MM-DD`, or empty for today.
pub struct DateOrEmpty;

impl PartialSchema for DateOrEmpty {
    fn schema() -> RefOr<Schema> {
        let date = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)));
        let empty = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([""]));
        AnyOfBuilder::new().item(date).item(empty).into()
    }
}

impl ToSchema for DateOrEmpty {}

/// The personal data download's format.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DataFormat {
    Json,
    Csv,
}

/// A question bank file's format.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum BankFormat {
    Gift,
    Xml,
}

/// A file sent as the whole body: any bytes (`type: string, format: binary`).
pub struct FileBytes;

impl PartialSchema for FileBytes {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl ToSchema for FileBytes {}
