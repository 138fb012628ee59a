//! Assessment: attempts at a quiz, saving and grading answers, certificates.
pub mod answer_targets;
pub mod answer_writer;
pub mod attempts;
pub mod certificate_pdf;
pub mod certificates;
pub mod placement;
