//! A certificate as a one-page A4 PDF (landscape): who, what, when, the code and a QR code of
//! the public verification page. Text is set in DejaVu Sans (embedded, subset to the glyphs
//! used), which has every Vietnamese letter.
use domain::Lang;
use domain::certificate::{CertificateKind, CertificateView};
use domain::indicator::format_percent;
use printpdf::{
    Color, IndirectFontRef, Mm, PdfDocument, PdfLayerReference, Rect, Rgb, path::PaintMode,
};
use qrcode::{Color as Module, QrCode};
use unicode_normalization::UnicodeNormalization;

use crate::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const PAGE_W: f32 = 297.0;
const PAGE_H: f32 = 210.0;
const PT_TO_MM: f32 = 0.352_778;

/// The PDF of a certificate whose verification page is at `verify_url`.
pub fn render(cert: &CertificateView, verify_url: &str) -> Result<Vec<u8>> {
    let (doc, page, layer) = PdfDocument::new(
        format!("Chứng nhận {}", cert.code),
        Mm(PAGE_W),
        Mm(PAGE_H),
        "chung-nhan",
    );
    let regular = doc.add_external_font(REGULAR).map_err(pdf_err)?;
    let bold = doc.add_external_font(BOLD).map_err(pdf_err)?;
    let canvas = Canvas {
        layer: doc.get_page(page).get_layer(layer),
        regular: Face::new(regular, REGULAR)?,
        bold: Face::new(bold, BOLD)?,
    };
    canvas.frame();
    canvas.body(cert);
    canvas.footer(cert, verify_url);
    canvas.qr(verify_url, 232.0, 22.0, 45.0)?;
    if let Some(r) = &cert.revoked {
        canvas.revoked(&r.on.format("%d/%m/%Y").to_string());
    }
    doc.save_to_bytes().map_err(pdf_err)
}

fn pdf_err(e: impl std::fmt::Display) -> Error {
    Error::internal(format!("pdf: {e}"))
}

/// A font as printpdf uses it, with the metrics to measure a line before it is set.
struct Face {
    font: IndirectFontRef,
    face: ttf_parser::Face<'static>,
}

impl Face {
    fn new(font: IndirectFontRef, bytes: &'static [u8]) -> Result<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(pdf_err)?;
        Ok(Face { font, face })
    }

    /// Width in millimetres of `text` set at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .filter_map(|c| self.face.glyph_index(c))
            .filter_map(|g| self.face.glyph_hor_advance(g))
            .map(u32::from)
            .sum();
        units as f32 / f32::from(self.face.units_per_em()) * size * PT_TO_MM
    }
}

struct Canvas {
    layer: PdfLayerReference,
    regular: Face,
    bold: Face,
}

const BLUE: (f32, f32, f32) = (0.043, 0.361, 0.678);
const INK: (f32, f32, f32) = (0.1, 0.1, 0.12);
const RED: (f32, f32, f32) = (0.75, 0.05, 0.05);

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

impl Canvas {
    fn frame(&self) {
        self.layer.set_outline_color(rgb(BLUE));
        self.layer.set_outline_thickness(2.5);
        self.layer.add_rect(
            Rect::new(Mm(10.0), Mm(10.0), Mm(PAGE_W - 10.0), Mm(PAGE_H - 10.0))
                .with_mode(PaintMode::Stroke),
        );
        self.layer.set_outline_thickness(0.75);
        self.layer.add_rect(
            Rect::new(Mm(14.0), Mm(14.0), Mm(PAGE_W - 14.0), Mm(PAGE_H - 14.0))
                .with_mode(PaintMode::Stroke),
        );
    }

    fn body(&self, cert: &CertificateView) {
        let b = &self.bold;
        let r = &self.regular;
        self.centred(r, "HỌC VỤ SỐ · BÌNH DÂN HỌC VỤ SỐ", 12.0, 180.0, BLUE);
        self.centred(b, "CHỨNG NHẬN", 34.0, 160.0, BLUE);
        self.centred(r, "Chứng nhận", 14.0, 142.0, INK);
        let holder = cert
            .holder
            .as_deref()
            .unwrap_or("(người học đã xoá tài khoản)");
        self.centred(b, holder, 26.0, 128.0, INK);
        let what = match cert.kind {
            CertificateKind::Course => "đã hoàn thành khoá học",
            CertificateKind::Mastery => "đã đạt bài đánh giá làm chủ kỹ năng số",
        };
        self.centred(r, what, 14.0, 114.0, INK);
        self.centred(b, &cert.title, 20.0, 101.0, INK);
        let mut detail = format!("Mã chương trình: {}", cert.programme_code);
        if let Some(score) = cert.score {
            detail.push_str(&format!("   ·   Điểm: {}", format_percent(score, Lang::Vi)));
        }
        self.centred(r, &detail, 12.0, 90.0, INK);
        let date = format!("Ngày cấp: {}", cert.issued_on.format("%d/%m/%Y"));
        self.centred(r, &date, 12.0, 80.0, INK);
    }

    fn footer(&self, cert: &CertificateView, verify_url: &str) {
        let code = format!("Mã xác minh: {}", cert.code);
        self.text(&self.bold, &code, 13.0, 24.0, 46.0, INK);
        self.text(
            &self.regular,
            "Quét mã QR hoặc mở địa chỉ dưới đây để kiểm tra chứng nhận:",
            10.0,
            24.0,
            38.0,
            INK,
        );
        self.text(&self.regular, verify_url, 10.0, 24.0, 31.0, BLUE);
        self.text(
            &self.regular,
            "Người được cấp tải bản chứng chỉ số Open Badges 3.0 (có chữ ký số) tại trang này.",
            9.0,
            24.0,
            24.0,
            INK,
        );
    }

    fn revoked(&self, on: &str) {
        let line = format!("ĐÃ THU HỒI NGÀY {on}");
        self.centred(&self.bold, &line, 22.0, 62.0, RED);
    }

    /// Sets a line centred on the page, shrunk until it fits between the frames.
    fn centred(&self, face: &Face, text: &str, size: f32, y: f32, colour: (f32, f32, f32)) {
        let text: String = text.nfc().collect();
        let room = PAGE_W - 50.0;
        let width = face.width(&text, size);
        let size = if width > room {
            size * room / width
        } else {
            size
        };
        let x = (PAGE_W - face.width(&text, size)) / 2.0;
        self.text(face, &text, size, x, y, colour);
    }

    fn text(&self, face: &Face, text: &str, size: f32, x: f32, y: f32, colour: (f32, f32, f32)) {
        let text: String = text.nfc().collect();
        self.layer.set_fill_color(rgb(colour));
        self.layer.use_text(text, size, Mm(x), Mm(y), &face.font);
    }

    /// The QR code of `data`, `side` millimetres wide, its lower left corner at (x, y).
    fn qr(&self, data: &str, x: f32, y: f32, side: f32) -> Result<()> {
        let code = QrCode::new(data.as_bytes()).map_err(pdf_err)?;
        let n = code.width();
        let cell = side / n as f32;
        self.layer.set_fill_color(rgb((0.0, 0.0, 0.0)));
        for (i, module) in code.to_colors().into_iter().enumerate() {
            if module != Module::Dark {
                continue;
            }
            let (col, row) = ((i % n) as f32, (i / n) as f32);
            let left = x + col * cell;
            let top = y + side - row * cell;
            self.layer.add_rect(
                Rect::new(Mm(left), Mm(top - cell), Mm(left + cell), Mm(top))
                    .with_mode(PaintMode::Fill),
            );
        }
        Ok(())
    }
}

/// The QR code of `data` as an SVG image for web pages, `px` pixels wide at least.
pub fn qr_svg(data: &str, px: u32) -> Result<String> {
    let code = QrCode::new(data.as_bytes()).map_err(pdf_err)?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(px, px)
        .quiet_zone(true)
        .build())
}
