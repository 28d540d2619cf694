//! The readings of each output: the text a person or a program could read out of it, cut
//! into pieces that each know where they sit (page and line, a metadata key).

use super::normalize::Spot;
use crate::filing::Filing;
use crate::typeset::{Item, Page};
use serde::Serialize;

/// An output the guard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    /// The laid-out text of the pages (what the PDF, the text render and the preview show).
    Pages,
    /// Footers, line numbers and other page furniture.
    PageFurniture,
    /// The filled Markdown (`render --format markdown`).
    Markdown,
    /// The plain-text render.
    Text,
    /// An SVG preview page.
    Svg,
    /// The PDF's document information and XMP metadata, as the filing will write them.
    PdfMetadata,
    /// A written PDF's strings and metadata streams.
    Pdf,
    /// A packet's `index.json`.
    Index,
    /// The name of a file Drafter writes.
    FileName,
    /// A message printed or sent to the app.
    Message,
    /// The text of an exhibit attached to a filing (the key names the exhibit).
    Exhibit,
}

impl Output {
    /// Where in this output a piece sits, for a message: "on page 2, line 14".
    pub(crate) fn place(self, spot: &Spot) -> String {
        let key = spot.key.as_deref().unwrap_or("");
        match self {
            Output::Pages => format!("on page {}, line {}", spot.page, spot.line),
            Output::PageFurniture => format!("in the footer or margin of page {}", spot.page),
            Output::Markdown => format!("in the filled Markdown, line {}", spot.line),
            Output::Text => format!("in the text render, page {}, line {}", spot.page, spot.line),
            Output::Svg => format!("in the SVG preview, line {}", spot.line),
            Output::PdfMetadata => {
                format!("in the PDF's document information and XMP metadata ({key})")
            }
            Output::Pdf => format!("in the PDF file ({key})"),
            Output::Index => format!("in index.json ({key})"),
            Output::FileName => "in an output file name".to_string(),
            Output::Message => format!("in a message, line {}", spot.line),
            Output::Exhibit => format!("in {key}, page {}, line {}", spot.page, spot.line),
        }
    }
}

type Pieces = Vec<(String, Spot)>;

fn at(page: usize, line: usize) -> Spot {
    Spot {
        page,
        line,
        key: None,
    }
}

fn keyed(key: &str) -> Spot {
    Spot {
        page: 0,
        line: 0,
        key: Some(key.to_string()),
    }
}

/// Horizontal gap (in font sizes) that separates two columns on one baseline.
const COLUMN_GAP_EMS: f32 = 1.5;

/// Every reading of a laid-out filing.
pub(crate) fn of_filing(filing: &Filing) -> Vec<(Output, Pieces)> {
    let lines = filing.text_lines();
    let mut out = Vec::new();
    let by_lines: Pieces = lines
        .iter()
        .map(|l| (l.text.clone(), at(l.page, l.line)))
        .collect();
    out.push((Output::Pages, by_lines));
    for (pi, page) in filing.pages.iter().enumerate() {
        let numbers: Vec<usize> = lines
            .iter()
            .filter(|l| l.page == pi + 1)
            .map(|l| l.line)
            .collect();
        for stream in columns(page, pi + 1, &numbers) {
            out.push((Output::Pages, stream));
        }
        out.push((Output::PageFurniture, furniture(page, pi + 1)));
    }
    out.push((Output::Markdown, markdown(&filing.markdown)));
    let info = &filing.info;
    let mut meta = vec![
        (info.title.clone(), keyed("Title")),
        (info.author.clone(), keyed("Author")),
        (info.subject.clone(), keyed("Subject")),
        (info.keywords.join("; "), keyed("Keywords")),
        (filing.title.clone(), keyed("Title")),
        (filing.short_title.clone(), keyed("Title")),
    ];
    meta.retain(|(t, _)| !t.is_empty());
    out.push((Output::PdfMetadata, meta));
    out.push((
        Output::FileName,
        vec![(format!("{}.pdf", filing.file_stem), Spot::default())],
    ));
    out
}

/// A page's runs (artifacts or not) grouped by baseline, in reading order, as
/// [`Page::text_lines`] groups them.
fn baselines(page: &Page, artifacts: bool) -> Vec<Vec<&crate::typeset::page::TextRun>> {
    let mut runs: Vec<&crate::typeset::page::TextRun> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if t.artifact == artifacts => Some(t),
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Vec<&crate::typeset::page::TextRun>> = Vec::new();
    for r in runs {
        match out.last_mut() {
            Some(line) if (line[0].y - r.y).abs() < 0.5 => line.push(r),
            _ => out.push(vec![r]),
        }
    }
    out
}

/// The page read column by column: where a baseline holds text far apart (a caption's
/// two columns, a date beside a signature), each column is read top to bottom on its own.
/// Nothing when the page has a single column (the line reading covers it).
fn columns(page: &Page, page_no: usize, numbers: &[usize]) -> Vec<Pieces> {
    // (baseline index, left edge, text) of every segment.
    let mut segments: Vec<(usize, f32, String)> = Vec::new();
    let mut starts: Vec<f32> = Vec::new();
    for (bi, line) in baselines(page, false).into_iter().enumerate() {
        let mut last_end = f32::MIN;
        for r in line {
            let gap = r.x - last_end;
            match segments.last_mut() {
                Some(seg) if seg.0 == bi && gap <= r.size * COLUMN_GAP_EMS => {
                    if gap > 1.0 && !seg.2.ends_with(' ') {
                        seg.2.push(' ');
                    }
                    seg.2.push_str(&r.text);
                }
                Some(seg) if seg.0 == bi => {
                    starts.push(r.x);
                    segments.push((bi, r.x, r.text.clone()));
                }
                _ => segments.push((bi, r.x, r.text.clone())),
            }
            last_end = r.end();
        }
    }
    if starts.is_empty() {
        return Vec::new();
    }
    starts.sort_by(f32::total_cmp);
    starts.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let column = |x: f32| starts.iter().filter(|&&b| x >= b - 1.0).count();
    (0..=starts.len())
        .map(|c| {
            segments
                .iter()
                .filter(|(_, x, _)| column(*x) == c)
                .map(|(bi, _, text)| {
                    let line = numbers.get(*bi).copied().unwrap_or(bi + 1);
                    (text.clone(), at(page_no, line))
                })
                .collect::<Pieces>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Footers and margins of a page, one piece per baseline.
fn furniture(page: &Page, page_no: usize) -> Pieces {
    baselines(page, true)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let text: Vec<&str> = line.iter().map(|r| r.text.as_str()).collect();
            (text.join(" "), at(page_no, i + 1))
        })
        .collect()
}

/// Markdown by lines, with character references decoded (`&#81;` is a `Q` to a reader).
fn markdown(text: &str) -> Pieces {
    text.lines()
        .enumerate()
        .map(|(i, l)| (decode_entities(l), at(0, i + 1)))
        .collect()
}

/// Decodes HTML/XML character references: numeric ones and the common named ones.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "shy" => Some('\u{ad}'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markup without its tags (each becomes a space) and with references decoded.
fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

fn lines_of(text: &str, f: impl Fn(&str) -> String) -> Pieces {
    text.lines()
        .enumerate()
        .map(|(i, l)| (f(l), at(0, i + 1)))
        .collect()
}

/// Every reading of the bytes of an output.
pub(crate) fn of_bytes(output: Output, bytes: &[u8]) -> Vec<(Output, Pieces)> {
    let text = String::from_utf8_lossy(bytes);
    let pieces = match output {
        Output::Pdf | Output::PdfMetadata => match pdf(bytes) {
            Some(p) => p,
            None => lines_of(&text, str::to_string),
        },
        Output::Svg => lines_of(&text, strip_markup),
        Output::Markdown => markdown(&text),
        Output::Index => match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(v) => {
                let mut p = Vec::new();
                json_strings(&v, "", &mut p);
                p
            }
            Err(_) => lines_of(&text, str::to_string),
        },
        Output::Text | Output::Pages | Output::Exhibit => text
            .split('\u{c}')
            .enumerate()
            .flat_map(|(pi, page)| {
                page.lines()
                    .enumerate()
                    .map(move |(li, l)| (l.to_string(), at(pi + 1, li + 1)))
            })
            .collect(),
        Output::PageFurniture | Output::FileName | Output::Message => {
            lines_of(&text, str::to_string)
        }
    };
    vec![(output, pieces)]
}

fn json_strings(v: &serde_json::Value, path: &str, out: &mut Pieces) {
    match v {
        serde_json::Value::String(s) => out.push((s.clone(), keyed(path))),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                json_strings(x, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.push((k.clone(), keyed(path)));
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                json_strings(x, &p, out);
            }
        }
        _ => {}
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding (read as
/// Latin-1, which agrees with it on letters).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// Every string of a PDF's dictionaries (document information, outline titles,
/// annotations) and the text of its XMP metadata streams.
fn pdf(bytes: &[u8]) -> Option<Pieces> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    let mut out = Vec::new();
    fn strings(key: &str, v: &Object, out: &mut Pieces) {
        match v {
            Object::String(s, _) => out.push((pdf_string(s), keyed(key))),
            Object::Array(a) => a.iter().for_each(|x| strings(key, x, out)),
            Object::Dictionary(d) => {
                for (k, x) in d.iter() {
                    strings(&String::from_utf8_lossy(k), x, out);
                }
            }
            _ => {}
        }
    }
    strings(
        "trailer",
        &Object::Dictionary(doc.trailer.clone()),
        &mut out,
    );
    for obj in doc.objects.values() {
        match obj {
            Object::Stream(s) => {
                let is_xmp = s
                    .dict
                    .get(b"Type")
                    .ok()
                    .and_then(|t| t.as_name().ok())
                    .is_some_and(|n| n == b"Metadata");
                strings("stream", &Object::Dictionary(s.dict.clone()), &mut out);
                if is_xmp {
                    let content = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    let xml = String::from_utf8_lossy(&content);
                    for line in xml.lines() {
                        out.push((strip_markup(line), keyed("XMP metadata")));
                    }
                }
            }
            other => strings("object", other, &mut out),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&#81;uill &amp; &#x51;; &bogus; &"),
            "Quill & Q; &bogus; &"
        );
        assert_eq!(strip_markup("<a x='1'>Qu</a><b>ill</b>"), " Qu  ill ");
    }

    #[test]
    fn utf16_strings() {
        assert_eq!(pdf_string(&[0xFE, 0xFF, 0, b'Q', 0, b'u']), "Qu");
        assert_eq!(pdf_string(b"Quill"), "Quill");
    }
}
