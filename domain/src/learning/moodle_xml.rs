//! Reader for Moodle XML question files (<https://docs.moodle.org/en/Moodle_XML_format>).
//!
//! [`parse_moodle_xml`] turns a `<quiz>` file into [`QuestionDraft`]s; every `<question>` it
//! cannot take becomes an [`ImportProblem`] with the line of that `<question>` tag, and the
//! reader goes on with the next one. XML that does not parse stops the reading there: the
//! questions before the error are kept, and one [`Problem::Malformed`] names the line of the
//! error (for a file cut off in the middle, the line where it ends).
//!
//! Choices made where Moodle's format leaves room (mostly as Moodle's own importer,
//! `question/format/xml/format.php`, does):
//!
//! - Supported types: `multichoice`, `truefalse`, `shortanswer`, `matching` and `ordering`
//!   (the qtype_ordering plugin, in Moodle's core since 4.4). Any other `type` (`essay`,
//!   `numerical`, `calculated`, `description`, `gapselect`, `ddwtos`, `random`, `cloze`…) is
//!   [`Problem::UnsupportedType`] with that name; a `<question>` without `type` is
//!   [`Problem::Malformed`].
//! - `type="category"` sets the category of the questions after it; its path loses `$course$/`
//!   (or another context) and `top/`, as in the GIFT reader.
//! - Texts (`<name>`, `<questiontext>`, answers, feedback) are the content of their `<text>`,
//!   trimmed, with entities and CDATA decoded; HTML is kept as it is (it is sanitised when
//!   shown). An entity XML does not define (`&nbsp;`) is kept as written for the HTML to show.
//! - `multichoice` is single choice unless `<single>` says `false` (or `0`): a missing
//!   `<single>` means single, as in Moodle. Weights are the `fraction` attributes (percent; a
//!   missing one is 0); a single-choice question needs one answer at 100 (other answers may
//!   carry partial or negative credit), a multiple-choice one positive weights adding up to 100.
//!   Answers with no text are skipped.
//! - `truefalse`: the answers must be `true` and `false`; the one at 100 is the truth. The
//!   draft's `feedback` is `<generalfeedback>` when there is one, else the feedback of the wrong
//!   answer; `choices` keeps `true` and `false` with their weights and feedback.
//! - `shortanswer`: answers at 100 are `accepted` (those with partial credit are left out);
//!   `feedback` is the general feedback, else the first accepted answer's feedback.
//! - `matching`: each `<subquestion>` gives a pair (its `<text>`, its `<answer><text>`); one with
//!   an empty text is an extra wrong answer, kept with an empty left side; one with neither is
//!   skipped. At least two pairs with a left side are needed.
//! - `ordering`: the answers' texts are `order`. The plugin keeps each item's right position in
//!   `fraction` (1, 2, 3…) and exports them in that order; the items are sorted by it when every
//!   fraction is a number, which leaves them in file order when all are equal (`fraction="1"`).
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::gift::{check_choices, clean_category, is_full, parse_weight, true_false_choices};
use super::question::{Choice, ImportProblem, ParsedBank, Problem, QuestionDraft, QuestionKind};

/// How deep elements may nest, `<quiz>` being the first level (a Moodle export needs 5).
const MAX_DEPTH: usize = 64;

/// Reads a Moodle XML file. Never fails: what it cannot read is in `problems`.
pub fn parse_moodle_xml(text: &str) -> ParsedBank {
    let mut parser = Parser {
        bank: ParsedBank::default(),
        category: None,
        stack: Vec::new(),
        lines: LineIndex::new(text),
    };
    match parser.run(text) {
        Ok(()) => {}
        Err((pos, detail)) => {
            let problem = ImportProblem {
                line: parser.lines.line(pos),
                title: parser.open_title(),
                problem: Problem::Malformed { detail },
            };
            parser.bank.problems.push(problem);
        }
    }
    parser.bank
}

/// Line numbers (from 1) of byte positions.
struct LineIndex {
    breaks: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex {
            breaks: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    fn line(&self, pos: usize) -> usize {
        self.breaks.partition_point(|&b| b < pos) + 1
    }
}

/// An element as far as the reader needs it: its direct text, attributes and children.
#[derive(Debug, Default)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Elem>,
    line: usize,
}

impl Elem {
    fn open(start: &BytesStart<'_>, line: usize) -> Result<Elem, String> {
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| e.to_string())?;
            let key = attr.key.local_name().as_ref().to_owned();
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| e.to_string())?;
            attrs.push((key, value.into_owned()));
        }
        Ok(Elem {
            name: start.local_name().as_ref().to_owned(),
            attrs,
            line,
            ..Elem::default()
        })
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn child(&self, name: &str) -> Option<&Elem> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed content of this element's `<text>` (or its own text when it has none).
    fn text(&self) -> String {
        match self.child("text") {
            Some(text) => text.text.trim().to_owned(),
            None => self.text.trim().to_owned(),
        }
    }

    /// The text of the child `name`; empty when there is no such child.
    fn text_of(&self, name: &str) -> String {
        self.child(name).map(Elem::text).unwrap_or_default()
    }
}

struct Parser {
    bank: ParsedBank,
    category: Option<String>,
    /// The elements open at this point of the file, the root first.
    stack: Vec<Elem>,
    lines: LineIndex,
}

impl Parser {
    /// Reads the whole file; on an error, its byte position and the parser's words.
    fn run(&mut self, text: &str) -> Result<(), (usize, String)> {
        let mut reader = Reader::from_str(text);
        let mut seen_root = false;
        loop {
            let at = reader.buffer_position() as usize;
            let event = reader
                .read_event()
                .map_err(|e| (reader.error_position() as usize, e.to_string()))?;
            let is_start = matches!(event, Event::Start(_));
            match event {
                Event::Start(start) | Event::Empty(start)
                    if self.stack.is_empty() && !seen_root =>
                {
                    seen_root = true;
                    let elem = Elem::open(&start, self.lines.line(at)).map_err(|e| (at, e))?;
                    if elem.name != "quiz" {
                        return Err((
                            at,
                            format!("the root element is <{}>, not <quiz>", elem.name),
                        ));
                    }
                    if is_start {
                        self.stack.push(elem);
                    }
                }
                Event::Start(start) => {
                    // Each level would cost a frame of the recursive drop of the tree.
                    if self.stack.len() >= MAX_DEPTH {
                        return Err((
                            at,
                            format!("elements nested deeper than {MAX_DEPTH} levels"),
                        ));
                    }
                    let elem = Elem::open(&start, self.lines.line(at)).map_err(|e| (at, e))?;
                    self.stack.push(elem);
                }
                Event::Empty(start) => {
                    let elem = Elem::open(&start, self.lines.line(at)).map_err(|e| (at, e))?;
                    self.close(elem);
                }
                Event::End(_) => {
                    if let Some(elem) = self.stack.pop() {
                        self.close(elem);
                    }
                }
                Event::Text(t) => self.push_text(&t.xml10_content()),
                Event::CData(t) => self.push_text(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let resolved = r.resolve_char_ref().map_err(|e| (at, e.to_string()))?;
                    match resolved {
                        Some(c) => self.push_text(c.encode_utf8(&mut [0; 4])),
                        None => match quick_xml::escape::resolve_predefined_entity(&r) {
                            Some(s) => self.push_text(s),
                            None => self.push_text(&format!("&{};", &*r)),
                        },
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let end = text.trim_end().len();
        if let Some(open) = self.stack.last() {
            return Err((end, format!("the file ends before </{}>", open.name)));
        }
        if !seen_root && end > 0 {
            return Err((end, "no <quiz> element".to_owned()));
        }
        Ok(())
    }

    fn push_text(&mut self, text: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.text.push_str(text);
        }
    }

    /// An element is complete: a question is read, anything else joins its parent.
    fn close(&mut self, elem: Elem) {
        if elem.name == "question" && !self.stack.iter().any(|e| e.name == "question") {
            if let Some(read) = read_question(&elem, &mut self.category) {
                match read {
                    Ok(draft) => self.bank.questions.push(draft),
                    Err(problem) => self.bank.problems.push(problem),
                }
            }
        } else if let Some(parent) = self.stack.last_mut() {
            parent.children.push(elem);
        }
    }

    /// The title of the question being read when the file broke off, if it got that far.
    fn open_title(&self) -> Option<String> {
        let question = self.stack.iter().find(|e| e.name == "question")?;
        non_empty(question.text_of("name"))
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Reads one `<question>`; `None` for a category, which only changes `category`.
fn read_question(
    q: &Elem,
    category: &mut Option<String>,
) -> Option<Result<QuestionDraft, ImportProblem>> {
    let kind = q.attr("type").unwrap_or_default().trim();
    if kind == "category" {
        *category = clean_category(&q.text_of("category"));
        return None;
    }
    let title = non_empty(q.text_of("name"));
    let read = match kind {
        "" => Err(Problem::Malformed {
            detail: "a <question> without its type".to_owned(),
        }),
        "multichoice" | "truefalse" | "shortanswer" | "matching" | "ordering" => {
            let text = q.text_of("questiontext");
            if text.is_empty() {
                Err(Problem::NoText)
            } else {
                let general = non_empty(q.text_of("generalfeedback"));
                match kind {
                    "multichoice" => read_multichoice(q, text),
                    "truefalse" => read_true_false(q, text, general.clone()),
                    "shortanswer" => read_short_answer(q, text, general.clone()),
                    "matching" => read_matching(q, text),
                    _ => read_ordering(q, text),
                }
                .map(|mut draft| {
                    if general.is_some() {
                        draft.feedback = general;
                    }
                    draft
                })
            }
        }
        other => Err(Problem::UnsupportedType {
            name: other.to_owned(),
        }),
    };
    Some(match read {
        Ok(mut draft) => {
            draft.line = q.line;
            draft.title = title;
            draft.category = category.clone();
            Ok(draft)
        }
        Err(problem) => Err(ImportProblem {
            line: q.line,
            title,
            problem,
        }),
    })
}

/// The `<answer>`s with text: their weight (`fraction`, percent), text and feedback.
fn answers(q: &Elem) -> Result<Vec<Choice>, Problem> {
    let mut out = Vec::new();
    for answer in q.all("answer") {
        let raw = answer.attr("fraction").unwrap_or("0");
        let weight = parse_weight(raw).ok_or_else(|| Problem::BadWeight {
            value: raw.to_owned(),
        })?;
        let text = answer.text();
        if text.is_empty() {
            continue;
        }
        out.push(Choice {
            text,
            weight,
            feedback: non_empty(answer.text_of("feedback")),
        });
    }
    Ok(out)
}

fn read_multichoice(q: &Elem, text: String) -> Result<QuestionDraft, Problem> {
    let single = match q
        .child("single")
        .map(|s| s.text.trim().to_ascii_lowercase())
    {
        None => true,
        Some(value) => !matches!(value.as_str(), "false" | "0" | ""),
    };
    let kind = if single {
        QuestionKind::SingleChoice
    } else {
        QuestionKind::MultipleChoice
    };
    let choices = answers(q)?;
    check_choices(kind, &choices)?;
    let mut draft = QuestionDraft::new(q.line, kind, text);
    draft.choices = choices;
    Ok(draft)
}

fn read_true_false(
    q: &Elem,
    text: String,
    general: Option<String>,
) -> Result<QuestionDraft, Problem> {
    let mut on_true = None;
    let mut on_false = None;
    for answer in answers(q)? {
        let slot = match answer.text.to_ascii_lowercase().as_str() {
            "true" => &mut on_true,
            "false" => &mut on_false,
            _ => {
                return Err(Problem::Malformed {
                    detail: format!(
                        "a true/false answer is “{}”, not “true” or “false”",
                        answer.text
                    ),
                });
            }
        };
        *slot = Some(answer);
    }
    let right = |a: &Option<Choice>| a.as_ref().is_some_and(|a| is_full(a.weight));
    let truth = match (right(&on_true), right(&on_false)) {
        (true, false) => true,
        (false, true) => false,
        (false, false) => return Err(Problem::NoRightAnswer),
        (true, true) => {
            return Err(Problem::Malformed {
                detail: "both “true” and “false” are marked right".to_owned(),
            });
        }
    };
    let feedback = |a: Option<Choice>| a.and_then(|a| a.feedback);
    let (right, wrong) = if truth {
        (feedback(on_true), feedback(on_false))
    } else {
        (feedback(on_false), feedback(on_true))
    };
    let mut draft = QuestionDraft::new(q.line, QuestionKind::TrueFalse, text);
    draft.truth = Some(truth);
    draft.feedback = general.or(wrong.clone()).or(right.clone());
    draft.choices = true_false_choices(truth, wrong, right);
    Ok(draft)
}

fn read_short_answer(
    q: &Elem,
    text: String,
    general: Option<String>,
) -> Result<QuestionDraft, Problem> {
    let right: Vec<Choice> = answers(q)?
        .into_iter()
        .filter(|a| is_full(a.weight))
        .collect();
    let Some(first) = right.first() else {
        return Err(Problem::NoRightAnswer);
    };
    let mut draft = QuestionDraft::new(q.line, QuestionKind::ShortAnswer, text);
    draft.feedback = general.or(first.feedback.clone());
    draft.accepted = right.into_iter().map(|a| a.text).collect();
    Ok(draft)
}

fn read_matching(q: &Elem, text: String) -> Result<QuestionDraft, Problem> {
    let mut pairs = Vec::new();
    for sub in q.all("subquestion") {
        let left = sub.text();
        let right = sub.text_of("answer");
        match (left.is_empty(), right.is_empty()) {
            (true, true) => continue,
            (false, true) => {
                return Err(Problem::Malformed {
                    detail: format!("the matching item “{left}” has no answer"),
                });
            }
            _ => pairs.push((left, right)),
        }
    }
    if pairs.iter().filter(|(left, _)| !left.is_empty()).count() < 2 {
        return Err(Problem::TooFewOptions);
    }
    let mut draft = QuestionDraft::new(q.line, QuestionKind::Matching, text);
    draft.pairs = pairs;
    Ok(draft)
}

fn read_ordering(q: &Elem, text: String) -> Result<QuestionDraft, Problem> {
    let mut items: Vec<(Option<f64>, String)> = q
        .all("answer")
        .map(|a| {
            let position = a
                .attr("fraction")
                .and_then(|f| f.trim().parse::<f64>().ok());
            (position.filter(|p| p.is_finite()), a.text())
        })
        .filter(|(_, text)| !text.is_empty())
        .collect();
    if items.iter().all(|(position, _)| position.is_some()) {
        items.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    }
    if items.len() < 2 {
        return Err(Problem::TooFewOptions);
    }
    let mut draft = QuestionDraft::new(q.line, QuestionKind::Ordering, text);
    draft.order = items.into_iter().map(|(_, text)| text).collect();
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file as Moodle exports it, with one question of each kind the reader takes and some
    /// it does not.
    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/an_toan/de</text>
    </category>
    <info format="moodle_auto_format">
      <text></text>
    </info>
  </question>

<!-- question: 101  -->
  <question type="multichoice">
    <name>
      <text>AT-01 Mật khẩu</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Mật khẩu nào <b>mạnh</b> nhất?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text>Mật khẩu dài &amp; khó đoán.</text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="0" format="html">
      <text>123456</text>
      <feedback format="html">
        <text>Quá dễ đoán.</text>
      </feedback>
    </answer>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>Tr&ang-Xanh_7&Bay!</p>]]></text>
      <feedback format="html">
        <text>&#272;úng.</text>
      </feedback>
    </answer>
    <answer fraction="-25" format="html">
      <text>&lt;tên của bạn&gt;</text>
    </answer>
  </question>

  <question type="multichoice">
    <name><text>AT-02</text></name>
    <questiontext format="html"><text>Chọn hai việc nên làm.</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Bật xác thực hai lớp</text></answer>
    <answer fraction="50"><text>Cập nhật phần mềm</text></answer>
    <answer fraction="-100"><text>Chia sẻ mật khẩu</text></answer>
  </question>

  <question type="truefalse">
    <name><text>AT-03</text></name>
    <questiontext format="moodle_auto_format"><text>Ổ khóa trên trình duyệt chứng tỏ trang thật.</text></questiontext>
    <answer fraction="0">
      <text>true</text>
      <feedback><text>Chưa đúng: trang giả cũng có ổ khóa.</text></feedback>
    </answer>
    <answer fraction="100">
      <text>false</text>
      <feedback><text>Đúng.</text></feedback>
    </answer>
  </question>

  <question type="category">
    <category><text>$system$/top/du_lieu</text></category>
  </question>

  <question type="shortanswer">
    <name><text>DL-04</text></name>
    <questiontext format="html"><text>Số định danh có bao nhiêu chữ số?</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>12</text><feedback><text>12 chữ số.</text></feedback></answer>
    <answer fraction="100"><text>mười hai</text></answer>
    <answer fraction="50"><text>mười</text></answer>
  </question>

  <question type="essay">
    <name><text>Viết</text></name>
    <questiontext format="html"><text>Hãy viết một đoạn văn.</text></questiontext>
  </question>

  <question type="matching">
    <name><text>DL-09</text></name>
    <questiontext format="html"><text>Ghép nhu cầu với nơi tra cứu.</text></questiontext>
    <subquestion format="html">
      <text>Tiến độ hồ sơ</text>
      <answer><text>Cổng Dịch vụ công</text></answer>
    </subquestion>
    <subquestion format="html">
      <text><![CDATA[<p>Căn cước trên điện thoại</p>]]></text>
      <answer><text>VNeID</text></answer>
    </subquestion>
    <subquestion format="html">
      <text></text>
      <answer><text>Báo giấy</text></answer>
    </subquestion>
  </question>

  <question type="ordering">
    <name><text>GQ-01</text></name>
    <questiontext format="html"><text>Sắp xếp các bước.</text></questiontext>
    <layouttype>VERTICAL</layouttype>
    <answer fraction="1.0000000" format="moodle_auto_format"><text>Mở trang</text></answer>
    <answer fraction="2.0000000" format="moodle_auto_format"><text>Đăng nhập</text></answer>
    <answer fraction="3.0000000" format="moodle_auto_format"><text>Nộp hồ sơ</text></answer>
  </question>

  <question type="numerical">
    <name><text>Số</text></name>
    <questiontext format="html"><text>2 + 2?</text></questiontext>
  </question>

  <question type="ddwtos">
    <name><text>Kéo thả</text></name>
    <questiontext format="html"><text>[[1]] và [[2]]</text></questiontext>
  </question>
</quiz>
"#;

    fn line_of(text: &str, needle: &str) -> usize {
        let at = text.find(needle).unwrap();
        text[..at].matches('\n').count() + 1
    }

    fn choice(text: &str, weight: f64, feedback: Option<&str>) -> Choice {
        Choice {
            text: text.to_owned(),
            weight,
            feedback: feedback.map(str::to_owned),
        }
    }

    #[test]
    fn reads_every_supported_kind() {
        let bank = parse_moodle_xml(SAMPLE);
        let kinds: Vec<_> = bank
            .questions
            .iter()
            .map(|q| (q.title.as_deref().unwrap(), q.kind, q.category.as_deref()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (
                    "AT-01 Mật khẩu",
                    QuestionKind::SingleChoice,
                    Some("an_toan/de")
                ),
                ("AT-02", QuestionKind::MultipleChoice, Some("an_toan/de")),
                ("AT-03", QuestionKind::TrueFalse, Some("an_toan/de")),
                ("DL-04", QuestionKind::ShortAnswer, Some("du_lieu")),
                ("DL-09", QuestionKind::Matching, Some("du_lieu")),
                ("GQ-01", QuestionKind::Ordering, Some("du_lieu")),
            ]
        );

        let q = &bank.questions[0];
        assert_eq!(q.line, line_of(SAMPLE, "<question type=\"multichoice\">"));
        assert_eq!(q.text, "<p>Mật khẩu nào <b>mạnh</b> nhất?</p>");
        assert_eq!(q.feedback.as_deref(), Some("Mật khẩu dài & khó đoán."));
        assert_eq!(
            q.choices,
            vec![
                choice("123456", 0.0, Some("Quá dễ đoán.")),
                choice("<p>Tr&ang-Xanh_7&Bay!</p>", 100.0, Some("Đúng.")),
                choice("<tên của bạn>", -25.0, None),
            ]
        );

        let q = &bank.questions[1];
        let weights: Vec<f64> = q.choices.iter().map(|c| c.weight).collect();
        assert_eq!(weights, vec![50.0, 50.0, -100.0]);

        let q = &bank.questions[2];
        assert_eq!(q.truth, Some(false));
        assert_eq!(
            q.feedback.as_deref(),
            Some("Chưa đúng: trang giả cũng có ổ khóa.")
        );
        assert_eq!(
            q.choices,
            vec![
                choice("true", 0.0, Some("Chưa đúng: trang giả cũng có ổ khóa.")),
                choice("false", 100.0, Some("Đúng.")),
            ]
        );

        let q = &bank.questions[3];
        assert_eq!(q.accepted, vec!["12", "mười hai"]);
        assert_eq!(q.feedback.as_deref(), Some("12 chữ số."));

        let q = &bank.questions[4];
        assert_eq!(
            q.pairs,
            vec![
                ("Tiến độ hồ sơ".to_owned(), "Cổng Dịch vụ công".to_owned()),
                (
                    "<p>Căn cước trên điện thoại</p>".to_owned(),
                    "VNeID".to_owned()
                ),
                (String::new(), "Báo giấy".to_owned()),
            ]
        );

        let q = &bank.questions[5];
        assert_eq!(q.order, vec!["Mở trang", "Đăng nhập", "Nộp hồ sơ"]);

        let problems: Vec<_> = bank
            .problems
            .iter()
            .map(|p| (p.line, p.title.as_deref().unwrap(), p.problem.clone()))
            .collect();
        let unsupported = |name: &str| Problem::UnsupportedType {
            name: name.to_owned(),
        };
        assert_eq!(
            problems,
            vec![
                (
                    line_of(SAMPLE, "<question type=\"essay\">"),
                    "Viết",
                    unsupported("essay")
                ),
                (
                    line_of(SAMPLE, "<question type=\"numerical\">"),
                    "Số",
                    unsupported("numerical")
                ),
                (
                    line_of(SAMPLE, "<question type=\"ddwtos\">"),
                    "Kéo thả",
                    unsupported("ddwtos")
                ),
            ]
        );
    }

    fn quiz(questions: &str) -> String {
        format!("<?xml version=\"1.0\"?>\n<quiz>\n{questions}</quiz>\n")
    }

    #[test]
    fn bad_questions_are_reported_and_the_others_read() {
        let text = quiz(
            r#"<question type="multichoice"><name><text>Good1</text></name>
<questiontext><text>A?</text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
</question>
<question type="multichoice"><name><text>NoRight</text></name>
<questiontext><text>B?</text></questiontext>
<answer fraction="0"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
</question>
<question type="multichoice"><name><text>BadWeight</text></name>
<questiontext><text>C?</text></questiontext>
<answer fraction="abc"><text>a</text></answer><answer fraction="100"><text>b</text></answer>
</question>
<question type="multichoice"><name><text>Lonely</text></name>
<questiontext><text>D?</text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="0"><text> </text></answer>
</question>
<question type="multichoice"><name><text>NoText</text></name>
<questiontext><text>  </text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
</question>
<question type="multichoice"><name><text>Sum</text></name>
<questiontext><text>E?</text></questiontext><single>false</single>
<answer fraction="50"><text>a</text></answer><answer fraction="30"><text>b</text></answer>
</question>
<question type="shortanswer"><name><text>Partial</text></name>
<questiontext><text>F?</text></questiontext>
<answer fraction="50"><text>a</text></answer>
</question>
<question type="truefalse"><name><text>Yes</text></name>
<questiontext><text>G?</text></questiontext>
<answer fraction="100"><text>yes</text></answer><answer fraction="0"><text>no</text></answer>
</question>
<question type="matching"><name><text>OnePair</text></name>
<questiontext><text>H?</text></questiontext>
<subquestion><text>a</text><answer><text>1</text></answer></subquestion>
</question>
<question><name><text>NoType</text></name></question>
<question type="description"><name><text>Info</text></name>
<questiontext><text>Read this.</text></questiontext></question>
<question type="truefalse"><name><text>Good2</text></name>
<questiontext><text>I?</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question>
"#,
        );
        let bank = parse_moodle_xml(&text);
        let good: Vec<_> = bank
            .questions
            .iter()
            .map(|q| (q.line, q.title.as_deref().unwrap()))
            .collect();
        assert_eq!(
            good,
            vec![
                (line_of(&text, "Good1"), "Good1"),
                (line_of(&text, "Good2"), "Good2")
            ]
        );
        assert_eq!(bank.questions[1].truth, Some(true));
        let malformed = |d: &str| Problem::Malformed {
            detail: d.to_owned(),
        };
        let expected = vec![
            ("NoRight", Problem::NoRightAnswer),
            (
                "BadWeight",
                Problem::BadWeight {
                    value: "abc".to_owned(),
                },
            ),
            ("Lonely", Problem::TooFewOptions),
            ("NoText", Problem::NoText),
            (
                "Sum",
                malformed("the weights of the right answers add up to 80%, not 100%"),
            ),
            ("Partial", Problem::NoRightAnswer),
            (
                "Yes",
                malformed("a true/false answer is “yes”, not “true” or “false”"),
            ),
            ("OnePair", Problem::TooFewOptions),
            ("NoType", malformed("a <question> without its type")),
            (
                "Info",
                Problem::UnsupportedType {
                    name: "description".to_owned(),
                },
            ),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(title, problem)| (line_of(&text, title), title, problem))
            .collect();
        let problems: Vec<_> = bank
            .problems
            .iter()
            .map(|p| (p.line, p.title.as_deref().unwrap(), p.problem.clone()))
            .collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn a_file_cut_off_keeps_the_questions_before_the_cut() {
        // Cut inside the text of the shortanswer question.
        let cut = &SAMPLE[..SAMPLE.find("mười hai").unwrap()];
        let bank = parse_moodle_xml(cut);
        assert_eq!(bank.questions.len(), 3);
        assert_eq!(bank.problems.len(), 1);
        let p = &bank.problems[0];
        assert_eq!(p.line, cut.lines().count());
        assert_eq!(p.title.as_deref(), Some("DL-04"));
        assert!(
            matches!(&p.problem, Problem::Malformed { detail } if detail.contains("</text>")),
            "{p:?}"
        );

        // Cut inside a tag.
        let cut = &SAMPLE[..SAMPLE.find("<single>false").unwrap() + 4];
        let bank = parse_moodle_xml(cut);
        assert_eq!(bank.questions.len(), 1);
        assert_eq!(bank.problems.len(), 1);
        assert_eq!(bank.problems[0].line, line_of(SAMPLE, "<single>false"));
        assert_eq!(bank.problems[0].title.as_deref(), Some("AT-02"));
    }

    /// Elements nested 100,000 deep (700 KB, well under the 10 MB an upload may be) once built
    /// a tree whose drop recursed once per level and overflowed a 2 MB worker thread's stack,
    /// aborting the server. Now the nesting is refused where it passes the limit.
    #[test]
    fn elements_nested_without_end_are_refused_not_overflowing_the_stack() {
        let depth = 100_000;
        let text = format!(
            "<quiz>\n<question type=\"truefalse\">{}{}</question></quiz>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        let bank = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || parse_moodle_xml(&text))
            .unwrap()
            .join()
            .unwrap();
        assert!(bank.questions.is_empty());
        assert_eq!(bank.problems.len(), 1);
        assert_eq!(bank.problems[0].line, 2);
        assert!(
            matches!(&bank.problems[0].problem, Problem::Malformed { detail } if detail.contains("nested")),
            "{:?}",
            bank.problems
        );
        // quiz and question are two levels: the rest of the limit is free for other elements.
        let fine = format!(
            "<quiz><question type=\"truefalse\"><questiontext><text>Đúng?</text></questiontext>\
             <answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer>\
             {}{}</question></quiz>",
            "<b>".repeat(MAX_DEPTH - 2),
            "</b>".repeat(MAX_DEPTH - 2)
        );
        let bank = parse_moodle_xml(&fine);
        assert!(bank.problems.is_empty(), "{:?}", bank.problems);
        assert_eq!(bank.questions.len(), 1);
    }

    #[test]
    fn every_cut_reads_a_prefix_of_the_whole() {
        let whole = parse_moodle_xml(SAMPLE);
        let lines = SAMPLE.lines().count();
        let end = SAMPLE.find("</quiz>").unwrap() + "</quiz>".len();
        for cut in (0..SAMPLE.len()).filter(|i| SAMPLE.is_char_boundary(*i)) {
            let bank = parse_moodle_xml(&SAMPLE[..cut]);
            assert!(bank.questions.len() <= whole.questions.len());
            assert_eq!(
                bank.questions[..],
                whole.questions[..bank.questions.len()],
                "cut at {cut}"
            );
            for p in &bank.problems {
                assert!(p.line >= 1 && p.line <= lines, "cut at {cut}: {p:?}");
            }
            let malformed = bank
                .problems
                .iter()
                .filter(|p| matches!(p.problem, Problem::Malformed { .. }))
                .count();
            let expected = usize::from(cut > 0 && cut < end);
            assert_eq!(malformed, expected, "cut at {cut}: {:?}", bank.problems);
        }
    }

    #[test]
    fn a_tag_closed_wrongly_is_reported_at_its_line() {
        let text = quiz(
            r#"<question type="truefalse"><name><text>One</text></name>
<questiontext><text>A?</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question>
<question type="truefalse"><name><text>Two</text></name>
<questiontext><text>B?</text></questiontext>
<answer fraction="100"><text>true</answer>
</question>
"#,
        );
        let bank = parse_moodle_xml(&text);
        assert_eq!(bank.questions.len(), 1);
        assert_eq!(bank.problems.len(), 1);
        assert_eq!(bank.problems[0].line, line_of(&text, "<text>true</answer>"));
        assert_eq!(bank.problems[0].title.as_deref(), Some("Two"));
    }

    #[test]
    fn other_files_are_not_quizzes() {
        assert_eq!(parse_moodle_xml(""), ParsedBank::default());
        assert_eq!(parse_moodle_xml("<quiz/>"), ParsedBank::default());
        assert_eq!(parse_moodle_xml(&quiz("")), ParsedBank::default());
        let bank = parse_moodle_xml("<?xml version=\"1.0\"?>\n<html><body/></html>");
        assert_eq!(
            bank.problems,
            vec![ImportProblem {
                line: 2,
                title: None,
                problem: Problem::Malformed {
                    detail: "the root element is <html>, not <quiz>".to_owned()
                }
            }]
        );
        let bank = parse_moodle_xml("::Q:: GIFT, not XML {T}");
        assert_eq!(bank.questions, vec![]);
        assert_eq!(bank.problems.len(), 1);
        assert_eq!(bank.problems[0].line, 1);
    }

    #[test]
    fn entities_and_cdata_are_decoded() {
        let text = quiz(
            r#"<question type="shortanswer">
<name><text>E &#x26; &#38; &quot;x&quot; &apos;y&apos;</text></name>
<questiontext format="html"><text>&lt;p&gt;Gõ &lt;code&gt;a&amp;b&lt;/code&gt;&nbsp;<![CDATA[<i>&amp;</i>]]>&lt;/p&gt;</text></questiontext>
<answer fraction="100"><text>a&amp;b</text></answer>
</question>
"#,
        );
        let bank = parse_moodle_xml(&text);
        assert_eq!(bank.problems, vec![]);
        let q = &bank.questions[0];
        assert_eq!(q.title.as_deref(), Some("E & & \"x\" 'y'"));
        assert_eq!(q.text, "<p>Gõ <code>a&b</code>&nbsp;<i>&amp;</i></p>");
        assert_eq!(q.accepted, vec!["a&b"]);
        assert_eq!(q.line, 3);
    }

    #[test]
    fn single_defaults_to_true_and_ordering_follows_positions() {
        let text = quiz(
            r#"<question type="multichoice"><name><text>S</text></name>
<questiontext><text>A?</text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="50"><text>b</text></answer>
</question>
<question type="ordering"><name><text>O</text></name>
<questiontext><text>Order</text></questiontext>
<answer fraction="3"><text>third</text></answer>
<answer fraction="1"><text>first</text></answer>
<answer fraction="2"><text>second</text></answer>
</question>
<question type="ordering"><name><text>Same</text></name>
<questiontext><text>Order</text></questiontext>
<answer fraction="1"><text>one</text></answer>
<answer fraction="1"><text>two</text></answer>
<answer><text>three</text></answer>
</question>
"#,
        );
        let bank = parse_moodle_xml(&text);
        assert_eq!(bank.problems, vec![]);
        assert_eq!(bank.questions[0].kind, QuestionKind::SingleChoice);
        assert_eq!(bank.questions[0].choices[1].weight, 50.0);
        assert_eq!(bank.questions[1].order, vec!["first", "second", "third"]);
        assert_eq!(bank.questions[2].order, vec!["one", "two", "three"]);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn parse_never_panics(text in any::<String>()) {
                let _ = parse_moodle_xml(&text);
            }

            #[test]
            fn parse_never_panics_on_xml_like_text(
                text in "(<quiz>|</quiz>|<question type=\"(multichoice|truefalse|matching|ordering|shortanswer|x)\">|</question>|<text>|</text>|<answer fraction=\"(100|0|-5|z)\">|</answer>|<!\\[CDATA\\[|\\]\\]>|&amp;|&#|;|<|>|/|a|\\n| ){0,60}"
            ) {
                let lines = text.lines().count().max(1);
                let bank = parse_moodle_xml(&text);
                for p in &bank.problems {
                    prop_assert!(p.line >= 1 && p.line <= lines + 1, "{:?}", p);
                }
            }
        }
    }
}
