//! A lesson's Markdown as the words to say: headings, paragraphs, list items and table rows
//! each end in a pause, links say their text (never the address), pictures their
//! description, code blocks are announced rather than spelt, and numbers, dates and
//! percentages are read in Vietnamese ([`super::numbers`]). No markup reaches the voice.
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::numbers::spell_numbers;

/// What is said for a code block or an address, which cannot usefully be read aloud.
const CODE_BLOCK: &str = "Đoạn mã, xem trên trang.";
const AN_ADDRESS: &str = "một đường liên kết";

/// The words of a lesson: its title, then its text.
pub fn lesson_speech(title: &str, markdown: &str) -> String {
    let mut blocks = vec![sentence(title)];
    blocks.extend(blocks_of(markdown));
    blocks
        .into_iter()
        .filter(|b| !b.is_empty())
        .map(|b| spell_numbers(&b))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Markdown's blocks as lines of plain text, each ending in a stop.
fn blocks_of(markdown: &str) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut reader = Reader::default();
    for event in Parser::new_ext(markdown, options) {
        reader.event(event);
    }
    reader.end_block();
    reader.blocks
}

#[derive(Default)]
struct Reader {
    blocks: Vec<String>,
    line: String,
    /// The next number of each ordered list we are in (`None` for a bulleted one).
    lists: Vec<Option<u64>>,
    /// An ordered item's number, said before its first words.
    prefix: Option<String>,
    /// Inside a link: its text so far, kept apart to tell a bare address from words.
    link: Option<String>,
    in_code_block: bool,
    in_image: bool,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak | Event::HardBreak => self.push(" "),
            Event::Rule => self.end_block(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::List(first) => {
                self.end_block();
                self.lists.push(first);
            }
            Tag::Item => {
                self.end_block();
                if let Some(Some(n)) = self.lists.last_mut() {
                    self.prefix = Some(format!("{n}, "));
                    *n += 1;
                }
            }
            Tag::CodeBlock(_) => {
                self.end_block();
                self.in_code_block = true;
            }
            Tag::Link { .. } => self.link = Some(String::new()),
            Tag::Image { .. } => {
                self.in_image = true;
                self.push(" Hình: ");
            }
            Tag::Heading { .. }
            | Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::TableRow
            | Tag::TableHead => self.end_block(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.blocks.push(CODE_BLOCK.to_owned());
            }
            TagEnd::Link => {
                let text = self.link.take().unwrap_or_default();
                let said = if looks_like_address(&text) || text.trim().is_empty() {
                    AN_ADDRESS.to_owned()
                } else {
                    text
                };
                self.push(&said);
            }
            TagEnd::Image => {
                self.in_image = false;
                self.push(". ");
            }
            TagEnd::TableCell => self.push(", "),
            TagEnd::List(_) => {
                self.end_block();
                self.lists.pop();
            }
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::TableRow
            | TagEnd::TableHead => self.end_block(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_code_block {
            return;
        }
        let cleaned = words_only(text);
        match self.link.as_mut() {
            Some(link) => link.push_str(&cleaned),
            None => self.push(&cleaned),
        }
    }

    fn push(&mut self, text: &str) {
        if self.in_image && text.trim().is_empty() {
            return;
        }
        if let Some(prefix) = self.prefix.take() {
            self.line.push_str(&prefix);
        }
        self.line.push_str(text);
    }

    /// Ends the line being read, with a stop unless it has one.
    fn end_block(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = sentence(line.trim().trim_end_matches(','));
        if !line.is_empty() && line != "." {
            self.blocks.push(line);
        }
    }
}

/// The text with its spaces collapsed and a full stop at the end unless it has one.
fn sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.ends_with(['.', '!', '?', ':', ';', '…']) {
        text
    } else {
        format!("{text}.")
    }
}

fn looks_like_address(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
        || (t.contains('@') && !t.contains(' '))
}

/// A text's words: addresses written in the text are named, not spelt, and the symbols a
/// voice would read out by name are dropped or said as words.
fn words_only(text: &str) -> String {
    let mut out = Vec::new();
    for word in text.split(' ') {
        let bare = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | '"'));
        if looks_like_address(bare) && bare.len() > 4 {
            out.push(word.replace(bare, AN_ADDRESS));
        } else {
            out.push(word.to_owned());
        }
    }
    out.join(" ")
        .replace('&', " và ")
        .replace(['*', '_', '#', '`', '|', '~', '<', '>', '→', '←', '•'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_paragraphs_end_in_a_pause() {
        let said = lesson_speech(
            "Mật khẩu mạnh",
            "## Vì sao?\n\nMật khẩu **dài** thì khó đoán\n",
        );
        assert_eq!(said, "Mật khẩu mạnh.\nVì sao?\nMật khẩu dài thì khó đoán.");
    }

    #[test]
    fn no_markup_is_read() {
        let said = lesson_speech(
            "T",
            "* một\n* _hai_\n\n> trích `dẫn`\n\n---\n\n| A | B |\n|---|---|\n| x | y |\n",
        );
        for symbol in ['*', '_', '>', '`', '|', '#', '-'] {
            assert!(!said.contains(symbol), "{symbol} in {said:?}");
        }
        assert!(said.contains("một.\nhai."), "{said}");
        assert!(said.contains("x, y."), "{said}");
    }

    #[test]
    fn links_say_their_text_never_the_address() {
        let said = lesson_speech(
            "T",
            "Xem [Cổng dịch vụ công](https://dichvucong.gov.vn/p/home) hoặc <https://vneid.gov.vn>, \
             hay gõ https://example.vn/a?b=c vào trình duyệt.",
        );
        assert!(
            said.contains("Xem Cổng dịch vụ công hoặc một đường liên kết"),
            "{said}"
        );
        assert!(
            said.contains("hay gõ một đường liên kết vào trình duyệt."),
            "{said}"
        );
        assert!(!said.contains("http") && !said.contains("gov"), "{said}");
    }

    #[test]
    fn ordered_lists_are_counted_and_numbers_read_in_vietnamese() {
        let said = lesson_speech(
            "Chỉ tiêu",
            "1. Tỉ lệ 96,5% cán bộ cấp tỉnh\n2. Hạn chót 31/12/2026\n",
        );
        assert_eq!(
            said,
            "Chỉ tiêu.\nmột, Tỉ lệ chín mươi sáu phẩy năm phần trăm cán bộ cấp tỉnh.\n\
             hai, Hạn chót ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi sáu."
        );
    }

    #[test]
    fn loose_list_items_keep_their_number() {
        let said = lesson_speech(
            "T",
            "1. Mở máy

2. Đăng nhập
",
        );
        assert_eq!(said, "T.\nmột, Mở máy.\nhai, Đăng nhập.");
    }

    #[test]
    fn pictures_say_their_description_and_code_is_announced() {
        let said = lesson_speech(
            "T",
            "![Màn hình đăng nhập](/tep/ab)\n\n```\nrm -rf /\n```\n",
        );
        assert!(said.contains("Hình: Màn hình đăng nhập."), "{said}");
        assert!(said.contains(CODE_BLOCK), "{said}");
        assert!(!said.contains("rm"), "{said}");
        assert!(!said.contains("/tep/"), "{said}");
    }

    #[test]
    fn html_in_the_text_is_not_read() {
        let said = lesson_speech("T", "<script>alert(1)</script>\n\nChữ <b>đậm</b>.");
        assert!(
            !said.contains("script") && !said.contains("alert"),
            "{said}"
        );
        assert!(said.contains("Chữ đậm."), "{said}");
    }
}
