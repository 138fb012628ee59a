//! Reader for Moodle's GIFT question format (<https://docs.moodle.org/en/GIFT_format>).
//!
//! [`parse_gift`] turns a GIFT file into [`QuestionDraft`]s, and every question it cannot take
//! into an [`ImportProblem`] that names the line where that question starts; one bad question
//! never hides the others.
//!
//! What the reader does where the format leaves room (it follows Moodle's own importer,
//! `question/format/gift/format.php`, unless said otherwise):
//!
//! - Questions are separated by blank lines, always: a blank line inside an answer block ends
//!   the question there (as in Moodle), so that block is reported as [`Problem::UnbalancedBraces`].
//!   Lines starting with `//` are dropped wherever they are and do not separate questions.
//!   A `$CATEGORY:` line sets the category of the questions after it wherever it stands (Moodle
//!   wants it alone between blank lines). Its path loses a leading `$course$/`, `$system$/`,
//!   `$coursecategory$/` or `$module$/` and then a leading `top/` (what Moodle's own export
//!   writes); an empty path clears the category.
//! - A question's `line` is the line of its first non-comment line (its title when it has one).
//! - Escapes (`\~ \= \# \{ \} \: \\`, and `\n` for a line break) are taken out before the
//!   question is split, so escaped characters never act as markup; any other backslash is kept.
//!   [`escape_gift`] and [`unescape_gift`] are the two directions.
//! - `::Title::` without its closing `::` gives no title (the `::` is dropped, as Moodle does).
//! - A format marker (`[markdown]`, `[plain]`, `[html]`, `[moodle]`, any case) is dropped from
//!   the start of the question text and of each answer and feedback; other `[...]` is text.
//! - Only one answer block per question: a `}` before any `{`, a `{` inside a block or a block
//!   never closed is [`Problem::UnbalancedBraces`]; a second block is [`Problem::Malformed`].
//!   A block at the end leaves the text as written; elsewhere the block becomes `_____`.
//! - Every answer must start with `=` or `~` (with `{T}`/`{F}` the exception): text before the
//!   first one (`{a ~b}`) is [`Problem::Malformed`] where Moodle would quietly take it as one
//!   more answer. Answers with no text (`{=a ~ ~b}`) are skipped, as Moodle does.
//! - Choice questions: `=` is 100 and `~` is 0 unless a weight `%n%` follows the sign (`~%50%`,
//!   `=%-25%`). A weight between `%` signs that is not a number from -100 to 100 is
//!   [`Problem::BadWeight`]; a `%` with no closing `%` is text. Exactly one answer at 100 and
//!   the rest at 0 is [`QuestionKind::SingleChoice`]; anything else is
//!   [`QuestionKind::MultipleChoice`], whose positive weights must add up to 100 (within 0.1),
//!   as Moodle requires, or it is [`Problem::Malformed`]. So `{=a =b ~c}` (two answers
//!   each fully right, allowed by Moodle's single choice) is refused here.
//! - True/false: `T`, `TRUE`, `F`, `FALSE` in any case (Moodle wants capitals; `{true}` would be
//!   a short answer there). `{T#wrong#right}`: the first feedback is shown for a wrong answer,
//!   the second for a right one (Moodle's order). The draft's `feedback` is the general feedback
//!   (`####`) when there is one, else the feedback for a wrong answer, else the one for a right
//!   answer; both are also kept in `choices`, which for true/false holds `true` and `false`
//!   with their weights (100 for the right one) and the feedback shown when that one is picked.
//! - Short answer: the answers at 100 (`=a` or `=%100%a`) are `accepted`; answers with a
//!   partial weight (`=%50%a`) are left out, having no place in the draft; none at 100 is
//!   [`Problem::NoRightAnswer`]. Per-answer feedback has no place either: the first accepted
//!   answer's feedback becomes `feedback` when the block has no general feedback.
//! - Matching: `=left -> right`; `= -> right` (empty left) is an extra wrong answer, kept as a
//!   pair with an empty left side. At least two pairs with a left side are needed. `#` in a
//!   matching answer is text (Moodle has no feedback there).
//! - Types the platform does not take are reported by Moodle's names: `{}` is `essay`, `{#...}`
//!   `numerical`, no block at all `description`, and `{>...}` (the ordering plugin's GIFT
//!   extension) `ordering`.
use super::question::{Choice, ImportProblem, ParsedBank, Problem, QuestionDraft, QuestionKind};

/// What a block in the middle of the text is replaced with.
const BLANK: &str = "_____";

/// Characters that GIFT lets (and makes) a writer escape with a backslash.
const ESCAPED: [char; 7] = ['\\', '~', '=', '#', '{', '}', ':'];

/// Reads a GIFT file. Never fails: what it cannot read is in `problems`.
pub fn parse_gift(text: &str) -> ParsedBank {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::default();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            reader.flush();
        } else if trimmed.starts_with("//") {
            continue;
        } else if let Some(path) = trimmed.strip_prefix("$CATEGORY:") {
            reader.flush();
            reader.category = clean_category(&unescape_gift(path));
        } else {
            reader.chunk.push((index + 1, line));
        }
    }
    reader.flush();
    reader.bank
}

/// Escapes text for a GIFT file: the characters GIFT uses as markup get a backslash and line
/// breaks become `\n`, so that [`unescape_gift`] gives the text back.
///
/// It cannot protect what GIFT has no escape for: `->` in a matching question, `%` at the start
/// of an answer, `[markdown]`-like markers at the start, or `//` at the start of a line.
pub fn escape_gift(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ESCAPED.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c == '\n' {
            out.push_str("\\n");
        } else {
            out.push(c);
        }
    }
    out
}

/// Takes GIFT's escapes out of text: `\~ \= \# \{ \} \: \\` give the character, `\n` a line
/// break; any other backslash stays as it is.
pub fn unescape_gift(text: &str) -> String {
    render(&tokenize(text))
}

/// The category path as the platform keeps it: without Moodle's context prefix (`$course$/`…)
/// and its `top/` level, without surrounding slashes; `None` when nothing is left.
pub(crate) fn clean_category(raw: &str) -> Option<String> {
    let mut path = raw.trim();
    for context in ["$course$", "$system$", "$coursecategory$", "$module$"] {
        if let Some(rest) = path.strip_prefix(context)
            && (rest.is_empty() || rest.starts_with('/'))
        {
            path = rest;
            break;
        }
    }
    path = path.trim_matches('/').trim();
    if path == "top" {
        path = "";
    } else if let Some(rest) = path.strip_prefix("top/") {
        path = rest.trim_start_matches('/');
    }
    (!path.is_empty()).then(|| path.to_owned())
}

/// One character of a question, and whether it was escaped (then it is never markup).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tok {
    c: char,
    escaped: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let tok = match (c, chars.peek().copied()) {
            ('\\', Some(next)) if ESCAPED.contains(&next) => {
                chars.next();
                Tok {
                    c: next,
                    escaped: true,
                }
            }
            ('\\', Some('n')) => {
                chars.next();
                Tok {
                    c: '\n',
                    escaped: true,
                }
            }
            _ => Tok { c, escaped: false },
        };
        out.push(tok);
    }
    out
}

fn render(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.c).collect()
}

/// Whether `tok` is the markup character `c` (not escaped).
fn is(tok: &Tok, c: char) -> bool {
    !tok.escaped && tok.c == c
}

fn find(toks: &[Tok], c: char) -> Option<usize> {
    toks.iter().position(|t| is(t, c))
}

fn contains(toks: &[Tok], c: char) -> bool {
    find(toks, c).is_some()
}

/// Where the unescaped two-character sequence `pat` starts.
fn find_pair(toks: &[Tok], pat: [char; 2]) -> Option<usize> {
    toks.windows(2)
        .position(|w| is(&w[0], pat[0]) && is(&w[1], pat[1]))
}

/// Trims whitespace that was written as such (an escaped `\n` stays).
fn trim(toks: &[Tok]) -> &[Tok] {
    let blank = |t: &Tok| !t.escaped && t.c.is_whitespace();
    let start = toks.iter().position(|t| !blank(t)).unwrap_or(toks.len());
    let end = toks
        .iter()
        .rposition(|t| !blank(t))
        .map_or(start, |i| i + 1);
    &toks[start..end]
}

/// Drops a leading format marker (`[markdown]`, `[html]`, `[plain]`, `[moodle]`).
fn strip_format(toks: &[Tok]) -> &[Tok] {
    let toks = trim(toks);
    if toks.first().is_some_and(|t| is(t, '['))
        && let Some(close) = toks.iter().take(10).position(|t| is(t, ']'))
        && matches!(
            render(&toks[1..close]).to_ascii_lowercase().as_str(),
            "markdown" | "html" | "plain" | "moodle"
        )
    {
        return trim(&toks[close + 1..]);
    }
    toks
}

/// The text of a piece of a question: format marker dropped, trimmed, unescaped.
fn text_of(toks: &[Tok]) -> String {
    render(strip_format(toks))
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Splits at each unescaped `markers` character; each piece but the first starts with its
/// marker. The first piece is what comes before any marker.
fn split_keep<'a>(toks: &'a [Tok], markers: &[char]) -> (&'a [Tok], Vec<&'a [Tok]>) {
    let starts: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.escaped && markers.contains(&t.c))
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = starts.first() else {
        return (toks, Vec::new());
    };
    let mut pieces = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(toks.len());
        pieces.push(&toks[start..end]);
    }
    (&toks[..first], pieces)
}

#[derive(Default)]
struct Reader<'a> {
    bank: ParsedBank,
    category: Option<String>,
    /// The current question's lines, with their numbers.
    chunk: Vec<(usize, &'a str)>,
}

impl Reader<'_> {
    fn flush(&mut self) {
        if self.chunk.is_empty() {
            return;
        }
        let line = self.chunk[0].0;
        let text = self
            .chunk
            .drain(..)
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n");
        match read_question(line, &tokenize(&text)) {
            Ok(mut draft) => {
                draft.category = self.category.clone();
                self.bank.questions.push(draft);
            }
            Err(problem) => self.bank.problems.push(problem),
        }
    }
}

fn read_question(line: usize, toks: &[Tok]) -> Result<QuestionDraft, ImportProblem> {
    let mut rest = trim(toks);
    let mut title = None;
    if rest.len() >= 2 && is(&rest[0], ':') && is(&rest[1], ':') {
        rest = &rest[2..];
        if let Some(end) = find_pair(rest, [':', ':']) {
            title = non_empty(render(trim(&rest[..end])));
            rest = trim(&rest[end + 2..]);
        }
    }
    let fail = |problem: Problem| ImportProblem {
        line,
        title: title.clone(),
        problem,
    };

    // The answer block: exactly one `{...}`.
    let mut blocks = Vec::new();
    let mut open = None;
    for (i, tok) in rest.iter().enumerate() {
        if is(tok, '{') {
            if open.is_some() {
                return Err(fail(Problem::UnbalancedBraces));
            }
            open = Some(i);
        } else if is(tok, '}') {
            let Some(start) = open.take() else {
                return Err(fail(Problem::UnbalancedBraces));
            };
            blocks.push((start, i));
        }
    }
    if open.is_some() {
        return Err(fail(Problem::UnbalancedBraces));
    }
    let Some(&(start, end)) = blocks.first() else {
        return Err(fail(if text_of(rest).is_empty() {
            Problem::NoText
        } else {
            unsupported("description")
        }));
    };
    if blocks.len() > 1 {
        return Err(fail(Problem::Malformed {
            detail: "more than one answer block {…} in one question".to_owned(),
        }));
    }

    let after = trim(&rest[end + 1..]);
    let text = if after.is_empty() {
        text_of(&rest[..start])
    } else {
        let mut with_blank = rest[..start].to_vec();
        with_blank.extend(BLANK.chars().map(|c| Tok { c, escaped: true }));
        with_blank.extend_from_slice(&rest[end + 1..]);
        text_of(&with_blank)
    };

    let mut answers = trim(&rest[start + 1..end]);
    let mut general = None;
    if let Some(at) = answers
        .windows(4)
        .rposition(|w| w.iter().all(|t| is(t, '#')))
    {
        general = non_empty(text_of(&answers[at + 4..]));
        answers = trim(&answers[..at]);
    }

    let kind = if answers.is_empty() {
        return Err(fail(unsupported("essay")));
    } else if is(&answers[0], '#') {
        return Err(fail(unsupported("numerical")));
    } else if is(&answers[0], '>') {
        return Err(fail(unsupported("ordering")));
    } else if contains(answers, '~') {
        None
    } else if contains(answers, '=') && find_pair(answers, ['-', '>']).is_some() {
        Some(QuestionKind::Matching)
    } else if truth_of(answers).is_some() {
        Some(QuestionKind::TrueFalse)
    } else {
        Some(QuestionKind::ShortAnswer)
    };
    if text.is_empty() {
        return Err(fail(Problem::NoText));
    }

    let mut draft = match kind {
        None => read_choices(line, text, answers),
        Some(QuestionKind::Matching) => read_matching(line, text, answers),
        Some(QuestionKind::TrueFalse) => Ok(read_true_false(line, text, answers)),
        Some(_) => read_short_answer(line, text, answers),
    }
    .map_err(fail)?;
    draft.title = title;
    if general.is_some() {
        draft.feedback = general;
    }
    Ok(draft)
}

fn unsupported(name: &str) -> Problem {
    Problem::UnsupportedType {
        name: name.to_owned(),
    }
}

/// `T`, `TRUE`, `F` or `FALSE` (any case) before the first `#`.
fn truth_of(answers: &[Tok]) -> Option<bool> {
    let head = &answers[..find(answers, '#').unwrap_or(answers.len())];
    match render(trim(head)).to_ascii_uppercase().as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

/// The answers of a block, each starting with one of `markers`; text before the first one is
/// an error.
fn answers_of<'a>(answers: &'a [Tok], markers: &[char]) -> Result<Vec<&'a [Tok]>, Problem> {
    let (before, pieces) = split_keep(answers, markers);
    let before = trim(before);
    if !before.is_empty() {
        let wanted = markers
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(" or ");
        return Err(Problem::Malformed {
            detail: format!(
                "“{}” comes before the first answer; each answer starts with {wanted}",
                render(before)
            ),
        });
    }
    Ok(pieces)
}

/// An answer after its `=` or `~`: its weight when it has `%n%`, its text and its feedback.
struct Answer {
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
}

fn read_answer(body: &[Tok]) -> Result<Answer, Problem> {
    let mut body = trim(body);
    let mut weight = None;
    if body.first().is_some_and(|t| is(t, '%'))
        && let Some(close) = find(&body[1..], '%')
    {
        let value = render(&body[1..close + 1]);
        weight = Some(parse_weight(&value).ok_or(Problem::BadWeight { value })?);
        body = trim(&body[close + 2..]);
    }
    let (text, feedback) = match find(body, '#') {
        Some(at) => (&body[..at], non_empty(text_of(&body[at + 1..]))),
        None => (body, None),
    };
    Ok(Answer {
        weight,
        text: text_of(text),
        feedback,
    })
}

/// A weight as GIFT writes it between `%` signs: a decimal number from -100 to 100.
pub(crate) fn parse_weight(value: &str) -> Option<f64> {
    let value = value.trim();
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        || !digits.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let weight: f64 = value.parse().ok()?;
    (-100.0..=100.0).contains(&weight).then_some(weight)
}

pub(crate) fn is_full(weight: f64) -> bool {
    (weight - 100.0).abs() < 1e-9
}

fn read_choices(line: usize, text: String, answers: &[Tok]) -> Result<QuestionDraft, Problem> {
    let mut choices = Vec::new();
    for piece in answers_of(answers, &['=', '~'])? {
        let right = is(&piece[0], '=');
        let answer = read_answer(&piece[1..])?;
        if answer.text.is_empty() {
            continue;
        }
        choices.push(Choice {
            text: answer.text,
            weight: answer.weight.unwrap_or(if right { 100.0 } else { 0.0 }),
            feedback: answer.feedback,
        });
    }
    let kind = choice_kind(&choices);
    check_choices(kind, &choices)?;
    let mut draft = QuestionDraft::new(line, kind, text);
    draft.choices = choices;
    Ok(draft)
}

/// Single choice when one option carries 100 and all others 0; multiple choice otherwise.
pub(crate) fn choice_kind(choices: &[Choice]) -> QuestionKind {
    let positive = choices.iter().filter(|c| c.weight > 0.0).count();
    let plain = choices.iter().all(|c| c.weight == 0.0 || is_full(c.weight));
    if plain && positive <= 1 {
        QuestionKind::SingleChoice
    } else {
        QuestionKind::MultipleChoice
    }
}

/// Two options at least, one of them right; for multiple choice, the right ones add up to 100.
pub(crate) fn check_choices(kind: QuestionKind, choices: &[Choice]) -> Result<(), Problem> {
    if choices.len() < 2 {
        return Err(Problem::TooFewOptions);
    }
    if !choices.iter().any(|c| c.weight > 0.0) {
        return Err(Problem::NoRightAnswer);
    }
    match kind {
        QuestionKind::MultipleChoice => {
            let sum: f64 = choices.iter().map(|c| c.weight).filter(|w| *w > 0.0).sum();
            if (sum - 100.0).abs() > 0.1 {
                return Err(Problem::Malformed {
                    detail: format!(
                        "the weights of the right answers add up to {}%, not 100%",
                        round2(sum)
                    ),
                });
            }
        }
        _ => {
            if !choices.iter().any(|c| is_full(c.weight)) {
                return Err(Problem::Malformed {
                    detail: "in a single-choice question one answer must carry 100%".to_owned(),
                });
            }
        }
    }
    Ok(())
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn read_matching(line: usize, text: String, answers: &[Tok]) -> Result<QuestionDraft, Problem> {
    let mut pairs = Vec::new();
    for piece in answers_of(answers, &['='])? {
        let body = trim(&piece[1..]);
        let Some(arrow) = find_pair(body, ['-', '>']) else {
            return Err(Problem::Malformed {
                detail: format!("the matching answer “{}” has no ->", render(body)),
            });
        };
        let left = text_of(&body[..arrow]);
        let right = render(trim(&body[arrow + 2..]));
        if right.is_empty() {
            return Err(Problem::Malformed {
                detail: format!("nothing after -> in the matching answer “{left}”"),
            });
        }
        pairs.push((left, right));
    }
    if pairs.iter().filter(|(left, _)| !left.is_empty()).count() < 2 {
        return Err(Problem::TooFewOptions);
    }
    let mut draft = QuestionDraft::new(line, QuestionKind::Matching, text);
    draft.pairs = pairs;
    Ok(draft)
}

fn read_true_false(line: usize, text: String, answers: &[Tok]) -> QuestionDraft {
    let truth = truth_of(answers).unwrap_or(true);
    let (wrong, right) = match find(answers, '#') {
        None => (None, None),
        Some(at) => {
            let rest = &answers[at + 1..];
            match find(rest, '#') {
                Some(second) => (
                    non_empty(text_of(&rest[..second])),
                    non_empty(text_of(&rest[second + 1..])),
                ),
                None => (non_empty(text_of(rest)), None),
            }
        }
    };
    let mut draft = QuestionDraft::new(line, QuestionKind::TrueFalse, text);
    draft.truth = Some(truth);
    draft.choices = true_false_choices(truth, wrong.clone(), right.clone());
    draft.feedback = wrong.or(right);
    draft
}

/// The two options of a true/false question, `true` then `false`, each with the feedback shown
/// when it is picked.
pub(crate) fn true_false_choices(
    truth: bool,
    wrong: Option<String>,
    right: Option<String>,
) -> Vec<Choice> {
    let (on_true, on_false) = if truth {
        (right, wrong)
    } else {
        (wrong, right)
    };
    vec![
        Choice {
            text: "true".to_owned(),
            weight: if truth { 100.0 } else { 0.0 },
            feedback: on_true,
        },
        Choice {
            text: "false".to_owned(),
            weight: if truth { 0.0 } else { 100.0 },
            feedback: on_false,
        },
    ]
}

fn read_short_answer(line: usize, text: String, answers: &[Tok]) -> Result<QuestionDraft, Problem> {
    let mut accepted = Vec::new();
    let mut feedback = None;
    for piece in answers_of(answers, &['='])? {
        let answer = read_answer(&piece[1..])?;
        if answer.text.is_empty() || !is_full(answer.weight.unwrap_or(100.0)) {
            continue;
        }
        if accepted.is_empty() {
            feedback = answer.feedback;
        }
        accepted.push(answer.text);
    }
    if accepted.is_empty() {
        return Err(Problem::NoRightAnswer);
    }
    let mut draft = QuestionDraft::new(line, QuestionKind::ShortAnswer, text);
    draft.accepted = accepted;
    draft.feedback = feedback;
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> QuestionDraft {
        let bank = parse_gift(text);
        assert_eq!(bank.problems, vec![], "problems in {text:?}");
        assert_eq!(bank.questions.len(), 1, "questions in {text:?}");
        bank.questions.into_iter().next().unwrap()
    }

    fn problem(text: &str) -> ImportProblem {
        let bank = parse_gift(text);
        assert_eq!(bank.questions, vec![], "questions in {text:?}");
        assert_eq!(bank.problems.len(), 1, "problems in {text:?}");
        bank.problems.into_iter().next().unwrap()
    }

    fn choice(text: &str, weight: f64, feedback: Option<&str>) -> Choice {
        Choice {
            text: text.to_owned(),
            weight,
            feedback: feedback.map(str::to_owned),
        }
    }

    #[test]
    fn single_choice_with_title_and_feedback() {
        let q = one(
            "// a comment\n::Q1:: Who's buried in Grant's tomb? {~Nobody#Try again =Grant#Right! ~No one}",
        );
        assert_eq!(q.line, 2);
        assert_eq!(q.title.as_deref(), Some("Q1"));
        assert_eq!(q.text, "Who's buried in Grant's tomb?");
        assert_eq!(q.kind, QuestionKind::SingleChoice);
        assert_eq!(
            q.choices,
            vec![
                choice("Nobody", 0.0, Some("Try again")),
                choice("Grant", 100.0, Some("Right!")),
                choice("No one", 0.0, None),
            ]
        );
        assert_eq!(q.feedback, None);
        assert_eq!(q.category, None);

        let q = one("::Title never closed {T}");
        assert_eq!(q.title, None);
        assert_eq!(q.text, "Title never closed");
    }

    #[test]
    fn escaped_characters_are_text_not_markup() {
        let q = one("::Tỉ lệ \\: 1\\:2:: Which is \\{a set\\}? {\n\
             =a \\= b \\# c#yes\\, \\~ really\n\
             ~x \\~ y\n\
             ~\\=SUM(A1\\:A2)\\\\n#back\\nslash\n}");
        assert_eq!(q.title.as_deref(), Some("Tỉ lệ : 1:2"));
        assert_eq!(q.text, "Which is {a set}?");
        assert_eq!(
            q.choices,
            vec![
                choice("a = b # c", 100.0, Some("yes\\, ~ really")),
                choice("x ~ y", 0.0, None),
                choice("=SUM(A1:A2)\\n", 0.0, Some("back\nslash")),
            ]
        );
    }

    #[test]
    fn categories_apply_to_the_questions_after_them() {
        let bank = parse_gift(
            "::A::a? {T}\n\n$CATEGORY: $course$/top/an_toan/de\n\n::B::b? {F}\n\
             $CATEGORY: $system$/giao_tiep\n::C::c? {T}\n\n$CATEGORY: du_lieu/kho\n\n::D::d? {T}",
        );
        assert_eq!(bank.problems, vec![]);
        let cats: Vec<_> = bank
            .questions
            .iter()
            .map(|q| (q.title.as_deref().unwrap(), q.category.as_deref()))
            .collect();
        assert_eq!(
            cats,
            vec![
                ("A", None),
                ("B", Some("an_toan/de")),
                ("C", Some("giao_tiep")),
                ("D", Some("du_lieu/kho")),
            ]
        );
        assert_eq!(bank.questions[2].line, 7);
        assert_eq!(clean_category("$course$/top"), None);
        assert_eq!(clean_category(" top/x/y/ "), Some("x/y".to_owned()));
        assert_eq!(clean_category("topics/x"), Some("topics/x".to_owned()));
    }

    #[test]
    fn format_markers_are_dropped() {
        let q = one("::M::[markdown]Use **`SUM`**. {=[plain]yes ~[html]<b>no</b>#[moodle]nope}");
        assert_eq!(q.text, "Use **`SUM`**.");
        assert_eq!(
            q.choices,
            vec![
                choice("yes", 100.0, None),
                choice("<b>no</b>", 0.0, Some("nope"))
            ]
        );
        assert_eq!(one("[HTML]<p>x</p> {T}").text, "<p>x</p>");
        assert_eq!(one("[note] keep this {T}").text, "[note] keep this");
    }

    #[test]
    fn partial_weights_make_multiple_choice() {
        let q = one("What two people are entombed in Grant's tomb? {\n\
             ~%-100%No one\n\
             ~%50%Grant#Half of it\n\
             ~%50%Grant's wife\n\
             ~%-50.5%Grant's father\n\
             ####Grant and his wife.\n}");
        assert_eq!(q.kind, QuestionKind::MultipleChoice);
        let weights: Vec<f64> = q.choices.iter().map(|c| c.weight).collect();
        assert_eq!(weights, vec![-100.0, 50.0, 50.0, -50.5]);
        assert_eq!(q.choices[1].feedback.as_deref(), Some("Half of it"));
        assert_eq!(q.feedback.as_deref(), Some("Grant and his wife."));

        let q = one("Pick {=%50%a =%50%b ~c}");
        assert_eq!(q.kind, QuestionKind::MultipleChoice);
        assert_eq!(q.choices[0].weight, 50.0);

        let q = one("Pick {=%33.333%a ~%33.333%b ~%33.334%c ~d}");
        assert_eq!(q.kind, QuestionKind::MultipleChoice);

        let q = one("Pick {=a ~%-25%b ~c}");
        assert_eq!(q.kind, QuestionKind::MultipleChoice);
        assert_eq!(q.choices[1].weight, -25.0);

        let q = one("Pick {=%100%a ~%0%b}");
        assert_eq!(q.kind, QuestionKind::SingleChoice);

        // Two answers each fully right: Moodle's single choice takes it, this reader does not.
        let p = problem("Pick {=a =b ~c}");
        assert_eq!(
            p.problem,
            Problem::Malformed {
                detail: "the weights of the right answers add up to 200%, not 100%".to_owned()
            }
        );
    }

    #[test]
    fn a_block_may_span_lines_and_stand_in_the_middle() {
        let q = one(
            "::Mid::Moodle costs {\n~lots of money#No.\n=nothing\n~a small amount\n} to download.",
        );
        assert_eq!(q.text, "Moodle costs _____ to download.");
        assert_eq!(q.kind, QuestionKind::SingleChoice);
        assert_eq!(q.choices.len(), 3);
        assert_eq!(q.choices[1], choice("nothing", 100.0, None));

        let q = one("{=Hà Nội ~Huế} là thủ đô.");
        assert_eq!(q.text, "_____ là thủ đô.");

        let q = one("Line one\\nline two\nline three {T}");
        assert_eq!(q.text, "Line one\nline two\nline three");
    }

    #[test]
    fn true_false_with_feedback() {
        let q = one("::TF::The sun rises in the west. {F#Wrong: it rises in the east.#Right.}");
        assert_eq!(q.kind, QuestionKind::TrueFalse);
        assert_eq!(q.truth, Some(false));
        assert_eq!(q.feedback.as_deref(), Some("Wrong: it rises in the east."));
        assert_eq!(
            q.choices,
            vec![
                choice("true", 0.0, Some("Wrong: it rises in the east.")),
                choice("false", 100.0, Some("Right.")),
            ]
        );
        for (block, truth) in [
            ("{T}", true),
            ("{TRUE}", true),
            ("{ FALSE }", false),
            ("{f}", false),
        ] {
            let q = one(&format!("Is it? {block}"));
            assert_eq!(
                (q.kind, q.truth),
                (QuestionKind::TrueFalse, Some(truth)),
                "{block}"
            );
            assert_eq!(q.feedback, None);
        }
        let q = one("Is it? {TRUE#no#yes####Because.}");
        assert_eq!(q.feedback.as_deref(), Some("Because."));
        assert_eq!(q.choices[0].feedback.as_deref(), Some("yes"));
    }

    #[test]
    fn short_answer_keeps_the_full_mark_answers() {
        let q = one("::SA::Two plus two equals {=four#Yes =4 =%50%for = =%100%IV}.\n");
        assert_eq!(q.kind, QuestionKind::ShortAnswer);
        assert_eq!(q.text, "Two plus two equals _____.");
        assert_eq!(q.accepted, vec!["four", "4", "IV"]);
        assert_eq!(q.feedback.as_deref(), Some("Yes"));
        let q = one("Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant####Him.}");
        assert_eq!(q.accepted, vec!["Grant", "Ulysses S. Grant"]);
        assert_eq!(q.feedback.as_deref(), Some("Him."));
    }

    #[test]
    fn matching_pairs() {
        let q = one("::Match::Which animal eats which food? {\n\
             =cat -> cat food\n=dog -> dog food\n= -> bird seed\n####Easy.\n}");
        assert_eq!(q.kind, QuestionKind::Matching);
        assert_eq!(
            q.pairs,
            vec![
                ("cat".to_owned(), "cat food".to_owned()),
                ("dog".to_owned(), "dog food".to_owned()),
                (String::new(), "bird seed".to_owned()),
            ]
        );
        assert_eq!(q.feedback.as_deref(), Some("Easy."));
        let p = problem("Match {=a -> 1 = -> 2}");
        assert_eq!(p.problem, Problem::TooFewOptions);
    }

    #[test]
    fn unsupported_types_are_named() {
        let bank = parse_gift(
            "::Num::When was Ulysses S. Grant born? {#1822:5}\n\n\
             ::Essay::Write about Grant. {}\n\n\
             ::Intro::You can use your pencil and paper for these next questions.\n\n\
             ::Essay2::Write. {####Look at his life.}\n\n\
             ::Order::Sort. {>3 ALL\nfirst\nsecond\nthird}\n\n\
             ::Ok::Fine? {T}",
        );
        let names: Vec<_> = bank
            .problems
            .iter()
            .map(|p| (p.line, p.title.clone().unwrap(), p.problem.clone()))
            .collect();
        assert_eq!(
            names,
            vec![
                (1, "Num".to_owned(), unsupported("numerical")),
                (3, "Essay".to_owned(), unsupported("essay")),
                (5, "Intro".to_owned(), unsupported("description")),
                (7, "Essay2".to_owned(), unsupported("essay")),
                (9, "Order".to_owned(), unsupported("ordering")),
            ]
        );
        assert_eq!(bank.questions.len(), 1);
        assert_eq!(bank.questions[0].line, 14);
    }

    #[test]
    fn broken_questions_do_not_hide_the_others() {
        let text = "\
::Good1::One? {=a ~b}

::Unclosed::Two? {=a ~b

::Good2::Three? {=a ~b}

::NoRight::Four? {~a ~b}

// comment before
::BadWeight::Five? {~%5O%a =b}

::TooBig::Six? {~%150%a =b}

::Lonely::Seven? {=a ~}

::Stray::Eight? =a ~b}

::Sum::Nine? {~%50%a ~%40%b ~c}

::NoText:: {=a ~b}

::Two blocks::Ten {=a ~b} and {=c ~d}

::Junk::Eleven {a ~b =c}

::Good3::Twelve? {=a ~b}
";
        let bank = parse_gift(text);
        let good: Vec<_> = bank
            .questions
            .iter()
            .map(|q| (q.line, q.title.clone().unwrap()))
            .collect();
        assert_eq!(
            good,
            vec![
                (1, "Good1".to_owned()),
                (5, "Good2".to_owned()),
                (26, "Good3".to_owned())
            ]
        );
        let bad: Vec<_> = bank
            .problems
            .iter()
            .map(|p| (p.line, p.title.clone().unwrap(), p.problem.clone()))
            .collect();
        let malformed = |m: &str| Problem::Malformed {
            detail: m.to_owned(),
        };
        assert_eq!(
            bad,
            vec![
                (3, "Unclosed".to_owned(), Problem::UnbalancedBraces),
                (7, "NoRight".to_owned(), Problem::NoRightAnswer),
                (
                    10,
                    "BadWeight".to_owned(),
                    Problem::BadWeight {
                        value: "5O".to_owned()
                    }
                ),
                (
                    12,
                    "TooBig".to_owned(),
                    Problem::BadWeight {
                        value: "150".to_owned()
                    }
                ),
                (14, "Lonely".to_owned(), Problem::TooFewOptions),
                (16, "Stray".to_owned(), Problem::UnbalancedBraces),
                (
                    18,
                    "Sum".to_owned(),
                    malformed("the weights of the right answers add up to 90%, not 100%")
                ),
                (20, "NoText".to_owned(), Problem::NoText),
                (
                    22,
                    "Two blocks".to_owned(),
                    malformed("more than one answer block {…} in one question")
                ),
                (
                    24,
                    "Junk".to_owned(),
                    malformed("“a” comes before the first answer; each answer starts with = or ~")
                ),
            ]
        );
    }

    #[test]
    fn short_answer_alone_is_not_too_few_options() {
        // `{=a}` is a short answer with one accepted form, not a one-option choice.
        let q = one("Say a: {=a}");
        assert_eq!(q.kind, QuestionKind::ShortAnswer);
        let p = problem("Only one {=b ~}");
        assert_eq!(p.problem, Problem::TooFewOptions);
        assert_eq!(p.title, None);
    }

    #[test]
    fn a_blank_line_inside_a_block_splits_the_question() {
        let bank = parse_gift("::Split::Q? {\n=a\n\n~b\n}\n\n::After::R? {T}");
        assert_eq!(bank.questions.len(), 1);
        assert_eq!(bank.questions[0].title.as_deref(), Some("After"));
        let lines: Vec<_> = bank
            .problems
            .iter()
            .map(|p| (p.line, p.problem.clone()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (1, Problem::UnbalancedBraces),
                (4, Problem::UnbalancedBraces)
            ]
        );
    }

    #[test]
    fn empty_and_comment_only_files_have_no_questions() {
        assert_eq!(parse_gift(""), ParsedBank::default());
        assert_eq!(
            parse_gift("// nothing\n\n   \n// here\r\n"),
            ParsedBank::default()
        );
        assert_eq!(parse_gift("$CATEGORY: a/b\n"), ParsedBank::default());
        let q = one("\u{feff}::Q::Windows line ends\r\n{=a\r\n~b}\r\n");
        assert_eq!(q.choices[1].text, "b");
    }

    #[test]
    fn weights_parse_as_gift_writes_them() {
        assert_eq!(parse_weight("50"), Some(50.0));
        assert_eq!(parse_weight("-33.33333"), Some(-33.33333));
        assert_eq!(parse_weight("100"), Some(100.0));
        assert_eq!(parse_weight("-100"), Some(-100.0));
        for bad in [
            "", "-", ".", "abc", "1e2", "101", "-100.5", "NaN", "inf", "5 0",
        ] {
            assert_eq!(parse_weight(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_real_bank_reads_whole() {
        let bank = parse_gift(include_str!(
            "../../../content/questions/ngan-hang-cau-hoi.gift"
        ));
        assert_eq!(bank.problems, vec![]);
        assert_eq!(bank.questions.len(), 78);
        let count = |kind| bank.questions.iter().filter(|q| q.kind == kind).count();
        assert!(count(QuestionKind::SingleChoice) >= 36);
        assert!(count(QuestionKind::MultipleChoice) >= 12);
        assert!(count(QuestionKind::TrueFalse) >= 16);
        assert!(count(QuestionKind::ShortAnswer) >= 8);
        assert!(count(QuestionKind::Matching) >= 6);
        for q in &bank.questions {
            assert!(q.title.is_some(), "line {}", q.line);
            assert!(q.category.is_some(), "line {}", q.line);
            assert!(!q.text.is_empty(), "line {}", q.line);
            if q.kind == QuestionKind::MultipleChoice {
                let sum: f64 = q
                    .choices
                    .iter()
                    .map(|c| c.weight)
                    .filter(|w| *w > 0.0)
                    .sum();
                assert!((sum - 100.0).abs() < 1e-6, "line {}: {sum}", q.line);
            }
        }
        let sum = bank
            .questions
            .iter()
            .find(|q| q.title.as_deref() == Some("DL-12"))
            .unwrap();
        assert_eq!(sum.accepted, vec!["SUM", "SUM()", "=SUM"]);
        assert!(sum.text.starts_with("Trong bảng tính"));
        assert_eq!(
            sum.feedback.as_deref(),
            Some("Hàm SUM cộng các giá trị trong vùng ô, ví dụ SUM(B2:B20).")
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Text without what GIFT cannot escape where it is put below.
        fn plain_text() -> impl Strategy<Value = String> {
            "[a-zA-Zàáạăđêôơư0-9 ~=#{}:\\\\\n.,?!()*_`'\"]{0,40}"
        }

        proptest! {
            #[test]
            fn escape_then_unescape_gives_the_text_back(text in any::<String>()) {
                prop_assert_eq!(unescape_gift(&escape_gift(&text)), text);
            }

            #[test]
            fn escape_then_unescape_with_gift_characters(text in "[\\\\~=#{}:n\\n a]{0,40}") {
                prop_assert_eq!(unescape_gift(&escape_gift(&text)), text);
            }

            #[test]
            fn parse_never_panics(text in any::<String>()) {
                let _ = parse_gift(&text);
            }

            #[test]
            fn parse_never_panics_on_gift_like_text(
                text in "([{}~=#:%\\\\\\-> \\n\\r\\[\\]/$TFa-c]|::|->|####|\\$CATEGORY:|\\[markdown\\]|//){0,80}"
            ) {
                let lines = text.lines().count().max(1);
                let bank = parse_gift(&text);
                for q in &bank.questions {
                    prop_assert!(q.line >= 1 && q.line <= lines);
                }
                for p in &bank.problems {
                    prop_assert!(p.line >= 1 && p.line <= lines);
                }
            }

            #[test]
            fn escaped_questions_read_back(
                title in plain_text(),
                text in plain_text(),
                right in plain_text(),
                wrong in plain_text(),
            ) {
                let expect = |s: &str| s.trim_matches(' ').to_owned();
                prop_assume!(!expect(&text).is_empty());
                prop_assume!(!expect(&right).is_empty() && !expect(&wrong).is_empty());
                let gift = format!(
                    "::{}::{} {{={} ~{}}}",
                    escape_gift(&title), escape_gift(&text), escape_gift(&right), escape_gift(&wrong)
                );
                let q = one(&gift);
                prop_assert_eq!(q.title, non_empty(expect(&title)));
                prop_assert_eq!(q.text, expect(&text));
                prop_assert_eq!(q.choices[0].text.clone(), expect(&right));
                prop_assert_eq!(q.choices[1].text.clone(), expect(&wrong));
            }
        }
    }
}
