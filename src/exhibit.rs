//! Exhibits: PDFs and scanned pages (PNG, JPEG) attached to a filing.
//!
//! A case profile lists the exhibits of each filing (`exhibits.complaint = [{title, file}]`,
//! see [`crate::profile::Exhibit`]). When a filing is laid out ([`crate::filing`]), each of
//! its exhibits is:
//!
//! 1. **read and checked** ([`load`]): the file must be a PDF, a PNG or a JPEG (told by
//!    its first bytes, not its name); a PDF must not be encrypted (CM/ECF refuses
//!    encryption) and must be readable to its last page (a damaged file is refused); an
//!    image becomes one page, fitted to a Letter page. Every refusal is an
//!    [`ExhibitError`] that names the exhibit, its title and the file, and comes before
//!    anything is written. A file read once is kept for the process by path, size and
//!    modification time, so the live preview does not read a 500-page exhibit on every
//!    keystroke.
//! 2. **read for text**: each page's text, line by line (from the PDF's fonts and their
//!    `ToUnicode` maps), goes through the protected-value guard
//!    ([`crate::rules::protect::Guard::check_exhibit`]) and the Rule 5.2 scan, which name the
//!    exhibit and its own page and line. An image (or a page with no text) cannot be read:
//!    the filing gets a warning to check it by eye.
//! 3. **composed** ([`elements`]): an index of exhibits on a new page, then a slip sheet
//!    for each ("EXHIBIT A" and its title), in the court's style and on its pleading
//!    paper, through the same layout as the filing's own pages; the index and each slip
//!    sheet are entries of the filing's outline.
//! 4. **merged** ([`merge`]): when the PDF is written, each exhibit's pages are copied
//!    in after its slip sheet (the objects each page reaches, renumbered; links,
//!    annotations and page actions are left out, as CM/ECF rejects actions), and the
//!    document is finished as any other (metadata, ID, compression).
//!
//! Exhibits are labelled by the court style's `exhibit_labels`: letters (A … Z, AA …) or
//! numbers.

use crate::profile::{CaseProfile, Exhibit, Finding};
use crate::rules::protect::{Guard, Leak};
use crate::rules::{PrivacyFinding, TextLine};
use crate::typeset::model::{Align, Element, Para, Span};
use crate::typeset::{CourtStyle, Page};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

/// A file path that names a file shipped with Drafter's example cases.
pub const BUILTIN_PREFIX: &str = "builtin:";
/// The largest exhibit file read (bytes).
pub const MAX_EXHIBIT_BYTES: u64 = 512 * 1024 * 1024;
/// The most pages an exhibit may have.
pub const MAX_EXHIBIT_PAGES: usize = 10_000;
/// The most bytes any one stream of an exhibit may inflate to (a decompression bomb is
/// refused as damaged).
const MAX_STREAM_BYTES: usize = 256 * 1024 * 1024;
/// The most pixels of an image exhibit.
const MAX_IMAGE_PIXELS: u64 = 120_000_000;

/// The files shipped with the example cases (`builtin:NAME`). The PDF is made by Drafter
/// itself: `cargo run --example summons_exhibit` rebuilds it.
const BUILTIN: &[(&str, &[u8])] = &[(
    "alt-uscis-summons.pdf",
    include_bytes!("../templates/examples/alt-uscis-summons.pdf"),
)];

/// How a court labels exhibits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Labels {
    /// Exhibit A, B, … Z, AA, AB, …
    #[default]
    Letters,
    /// Exhibit 1, 2, 3, …
    Numbers,
}

impl Labels {
    /// The label of the exhibit at 0-based `index`: "A", "AA", "3".
    pub fn label(self, index: usize) -> String {
        match self {
            Labels::Numbers => (index + 1).to_string(),
            Labels::Letters => {
                let mut n = index + 1;
                let mut out = Vec::new();
                while n > 0 {
                    n -= 1;
                    out.push(b'A' + (n % 26) as u8);
                    n /= 26;
                }
                out.reverse();
                String::from_utf8(out).unwrap_or_default()
            }
        }
    }
}

/// Which exhibit a message is about: "Exhibit A (“Summons”), /path/summons.pdf".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// "Exhibit A".
    pub exhibit: String,
    /// Its title.
    pub title: String,
    /// The file as the profile names it.
    pub file: String,
}

impl std::fmt::Display for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.title.trim().is_empty() {
            write!(f, "{}, {}", self.exhibit, self.file)
        } else {
            write!(f, "{} (“{}”), {}", self.exhibit, self.title, self.file)
        }
    }
}

/// Why an exhibit cannot be attached. Every message names the exhibit and its file.
#[derive(Debug, thiserror::Error)]
pub enum ExhibitError {
    /// The exhibit has no title.
    #[error("{0}: the exhibit has no title; give it one (the index of exhibits and its slip sheet show it)")]
    NoTitle(Named),
    /// The exhibit names no file.
    #[error("{0}: the exhibit names no file; attach a PDF, PNG or JPEG file")]
    NoFile(Named),
    /// The path is relative and there is no profile file to read it from.
    #[error("{0}: the file is not an absolute path; attach it again from its folder")]
    Relative(Named),
    /// `builtin:NAME` names no file shipped with Drafter.
    #[error("{0}: no such file is shipped with Drafter's examples")]
    UnknownBuiltin(Named),
    /// The file cannot be read.
    #[error("{at}: cannot read the file: {cause}")]
    Read {
        /// The exhibit.
        at: Named,
        /// The I/O error.
        cause: std::io::Error,
    },
    /// The file is not a regular file (a folder, a device, a pipe).
    #[error("{0}: is not a regular file")]
    NotRegular(Named),
    /// The file is larger than [`MAX_EXHIBIT_BYTES`].
    #[error("{0}: the file is larger than {mb} MB; split it into smaller exhibits", mb = MAX_EXHIBIT_BYTES / 1024 / 1024)]
    TooLarge(Named),
    /// The PDF is encrypted.
    #[error("{0}: the PDF is encrypted (password-protected or with restrictions), and courts' e-filing systems refuse encrypted PDFs; save an unencrypted copy (print it to PDF) and attach that")]
    Encrypted(Named),
    /// The PDF cannot be read.
    #[error("{at}: the PDF is damaged and cannot be read ({detail}); open it in a PDF reader, save a new copy and attach that")]
    Damaged {
        /// The exhibit.
        at: Named,
        /// What is wrong.
        detail: String,
    },
    /// The file is neither a PDF nor a PNG or JPEG image.
    #[error("{0}: is not a PDF, PNG or JPEG file; an exhibit is a PDF, or a scanned page as a PNG or JPEG image")]
    NotSupported(Named),
    /// The PDF has no pages, or more than [`MAX_EXHIBIT_PAGES`].
    #[error("{at}: the PDF has {pages} pages; an exhibit has 1 to {MAX_EXHIBIT_PAGES}")]
    PageCount {
        /// The exhibit.
        at: Named,
        /// How many pages it has.
        pages: usize,
    },
    /// The image cannot be decoded or used.
    #[error("{at}: the image cannot be used ({detail}); save it again as a PNG or an RGB JPEG")]
    Image {
        /// The exhibit.
        at: Named,
        /// What is wrong.
        detail: String,
    },
}

/// An exhibit's file, read and checked.
#[derive(Debug)]
pub struct Source {
    /// The pages, as a PDF document (an image is made a one-page document).
    pub doc: Document,
    /// How many pages.
    pub pages: usize,
    /// The text of each page, line by line (page and line numbers are the exhibit's own).
    pub text: Vec<TextLine>,
    /// Whether the file is an image (no text can be read from it).
    pub image: bool,
    /// The pages (1-based) that have no text a program can read.
    pub pages_without_text: Vec<usize>,
    /// Fonts the PDF uses without embedding them.
    pub unembedded_fonts: Vec<String>,
    /// The SHA-256 of the file's bytes, in hex.
    pub sha256: String,
}

/// An exhibit attached to a laid-out filing.
#[derive(Debug, Clone)]
pub struct Attached {
    /// "Exhibit A".
    pub label: String,
    /// Its title.
    pub title: String,
    /// The file as the profile names it.
    pub file: String,
    /// The 0-based index, among the filing's own pages, of its slip sheet; its pages
    /// follow that page.
    pub slip_page: usize,
    /// The file's pages and text.
    pub source: Arc<Source>,
}

impl Attached {
    /// The exhibit's outline entry (on its slip sheet): "Exhibit A: Summons".
    pub fn bookmark(&self) -> String {
        format!("{}: {}", self.label, self.title)
    }
}

/// The outline entry of the index of exhibits.
pub const INDEX_BOOKMARK: &str = "Index of Exhibits";

/// A relative exhibit path made absolute against the profile's folder (an absolute one,
/// `builtin:` or an empty one is kept as it is).
pub fn resolve(file: &str, folder: &Path) -> String {
    if file.trim().is_empty() || file.starts_with(BUILTIN_PREFIX) || Path::new(file).is_absolute() {
        return file.to_string();
    }
    folder.join(file).display().to_string()
}

/// Reads and checks every exhibit the profile attaches to `template`, in order (none:
/// an empty list). Nothing is laid out yet: [`elements`] and [`place`] do that.
pub fn load_for(
    profile: &CaseProfile,
    template: &str,
    style: &CourtStyle,
) -> Result<Vec<Attached>, ExhibitError> {
    let Some(list) = profile.exhibits.get(template) else {
        return Ok(Vec::new());
    };
    list.iter()
        .enumerate()
        .map(|(i, e)| {
            let label = format!("Exhibit {}", style.exhibit_labels.label(i));
            let source = load(e, &label)?;
            Ok(Attached {
                label,
                title: e.title.trim().to_string(),
                file: e.file.clone(),
                slip_page: 0,
                source,
            })
        })
        .collect()
}

/// What the app shows of a file a person attaches: its page count and what to check.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExhibitInfo {
    /// How many pages it has.
    pub pages: usize,
    /// Whether it is an image (a scanned page).
    pub image: bool,
    /// What a person should check by eye (pages without readable text, fonts not
    /// embedded).
    pub warnings: Vec<String>,
}

/// Reads and checks a file a person is attaching as `label` ("Exhibit C"), before it is
/// added to the case: the same checks as an export's.
pub fn inspect(exhibit: &Exhibit, label: &str) -> Result<ExhibitInfo, ExhibitError> {
    let source = load(exhibit, label)?;
    let attached = Attached {
        label: label.to_string(),
        title: exhibit.title.trim().to_string(),
        file: exhibit.file.clone(),
        slip_page: 0,
        source,
    };
    Ok(ExhibitInfo {
        pages: attached.source.pages,
        image: attached.source.image,
        warnings: warnings(std::slice::from_ref(&attached))
            .into_iter()
            .map(|f| format!("{} {}", attached.label, f.message))
            .collect(),
    })
}

/// Reads and checks one exhibit's file (kept for the process by path, size and time).
pub fn load(exhibit: &Exhibit, label: &str) -> Result<Arc<Source>, ExhibitError> {
    let at = Named {
        exhibit: label.to_string(),
        title: exhibit.title.trim().to_string(),
        file: exhibit.file.clone(),
    };
    if at.title.is_empty() {
        return Err(ExhibitError::NoTitle(at));
    }
    let file = exhibit.file.trim();
    if file.is_empty() {
        return Err(ExhibitError::NoFile(at));
    }
    if let Some(name) = file.strip_prefix(BUILTIN_PREFIX) {
        let Some((_, bytes)) = BUILTIN.iter().find(|(n, _)| *n == name) else {
            return Err(ExhibitError::UnknownBuiltin(at));
        };
        return cached(CacheKey::Builtin(name.to_string()), || {
            read_bytes(bytes, &at)
        });
    }
    let path = PathBuf::from(file);
    if !path.is_absolute() {
        return Err(ExhibitError::Relative(at));
    }
    let meta = std::fs::metadata(&path).map_err(|cause| ExhibitError::Read {
        at: at.clone(),
        cause,
    })?;
    if !meta.is_file() {
        return Err(ExhibitError::NotRegular(at));
    }
    if meta.len() > MAX_EXHIBIT_BYTES {
        return Err(ExhibitError::TooLarge(at));
    }
    let key = CacheKey::File(path.clone(), meta.len(), meta.modified().ok());
    cached(key, || {
        let bytes = std::fs::read(&path).map_err(|cause| ExhibitError::Read {
            at: at.clone(),
            cause,
        })?;
        read_bytes(&bytes, &at)
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CacheKey {
    Builtin(String),
    File(PathBuf, u64, Option<std::time::SystemTime>),
}

fn cached(
    key: CacheKey,
    read: impl FnOnce() -> Result<Source, ExhibitError>,
) -> Result<Arc<Source>, ExhibitError> {
    static CACHE: crate::memo::Memo<CacheKey, Arc<Source>> = crate::memo::Memo::new(32);
    CACHE.get_or_try(key, || read().map(Arc::new))
}

/// Checks and reads an exhibit's bytes: a PDF, a PNG or a JPEG, told by the first bytes.
fn read_bytes(bytes: &[u8], at: &Named) -> Result<Source, ExhibitError> {
    let sha256 = crate::filing::sha256_hex(bytes);
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return read_pdf(bytes, at, sha256);
    }
    let image = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_image(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg_image(bytes)
    } else {
        return Err(ExhibitError::NotSupported(at.clone()));
    };
    let image = image.map_err(|detail| ExhibitError::Image {
        at: at.clone(),
        detail,
    })?;
    Ok(Source {
        doc: image_document(image),
        pages: 1,
        text: Vec::new(),
        image: true,
        pages_without_text: vec![1],
        unembedded_fonts: Vec::new(),
        sha256,
    })
}

fn read_pdf(bytes: &[u8], at: &Named, sha256: String) -> Result<Source, ExhibitError> {
    let damaged = |detail: String| ExhibitError::Damaged {
        at: at.clone(),
        detail,
    };
    let has_encrypt = bytes.windows(8).any(|w| w == b"/Encrypt");
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(_) if has_encrypt => return Err(ExhibitError::Encrypted(at.clone())),
        Err(e) => return Err(damaged(e.to_string())),
    };
    if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(ExhibitError::Encrypted(at.clone()));
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.is_empty() || pages.len() > MAX_EXHIBIT_PAGES {
        return Err(ExhibitError::PageCount {
            at: at.clone(),
            pages: pages.len(),
        });
    }
    let mut text = Vec::new();
    let mut pages_without_text = Vec::new();
    for (i, &page) in pages.iter().enumerate() {
        let dict = doc
            .get_dictionary(page)
            .map_err(|e| damaged(format!("page {}: {e}", i + 1)))?;
        if inherited(&doc, dict, b"MediaBox").is_none() {
            return Err(damaged(format!("page {} has no size (MediaBox)", i + 1)));
        }
        let lines = page_text(&doc, page).map_err(|e| damaged(format!("page {}: {e}", i + 1)))?;
        if lines.is_empty() {
            pages_without_text.push(i + 1);
        }
        text.extend(
            lines
                .into_iter()
                .enumerate()
                .map(|(l, t)| TextLine::new(i + 1, l + 1, t)),
        );
    }
    let unembedded_fonts = unembedded_fonts(&doc);
    Ok(Source {
        pages: pages.len(),
        doc,
        text,
        image: false,
        pages_without_text,
        unembedded_fonts,
        sha256,
    })
}

/// A page attribute, from the page or the nearest page-tree node above it that has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(v) = node.get(key) {
            return Some(v);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// How deep forms drawn inside forms are followed.
const MAX_FORM_DEPTH: usize = 12;
/// How many forms one page may draw, counting a form drawn inside a form each time; a
/// page that draws more is refused as damaged rather than read in part.
const MAX_FORM_DRAWS: usize = 20_000;

/// The fonts of a resource dictionary, by resource name, with their encodings.
type Encodings<'a> = BTreeMap<Vec<u8>, lopdf::Encoding<'a>>;

/// A page's text, line by line: text-showing operators in content order, a new line
/// where the baseline moves. Text inside a form XObject the page draws (`Do`: a
/// letterhead, a stamp, a flattened form field) is read where it is drawn, with the
/// form's own fonts; the forms' decoded content counts against the page's limit.
fn page_text(doc: &Document, page: ObjectId) -> Result<Vec<String>, String> {
    page_text_inner(doc, page).map_err(|e| match e {
        Unread::Pdf(e) => e.to_string(),
        Unread::TooManyForms => {
            format!("it draws more than {MAX_FORM_DRAWS} forms, too many to read")
        }
    })
}

/// Why a page's text could not be read.
enum Unread {
    Pdf(lopdf::Error),
    TooManyForms,
}

impl From<lopdf::Error> for Unread {
    fn from(e: lopdf::Error) -> Unread {
        Unread::Pdf(e)
    }
}

/// The encodings of `fonts` (resource name and font dictionary); a font whose encoding
/// cannot be read is left out (its text is not read).
fn encodings<'a>(
    doc: &'a Document,
    fonts: impl IntoIterator<Item = (Vec<u8>, &'a Dictionary)>,
) -> Encodings<'a> {
    fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
                .ok()
                .map(|e| (name, e))
        })
        .collect()
}

fn page_text_inner(doc: &Document, page: ObjectId) -> Result<Vec<String>, Unread> {
    let encodings = Rc::new(encodings(doc, doc.get_page_fonts(page)?));
    let content = doc.get_page_content_with_limit(page, MAX_STREAM_BYTES)?;
    let resources = doc
        .get_dictionary(page)
        .ok()
        .and_then(|d| inherited(doc, d, b"Resources"))
        .and_then(|r| doc.dereference(r).ok())
        .and_then(|(_, r)| r.as_dict().ok());
    let mut reader = TextReader {
        doc,
        lines: Vec::new(),
        budget: MAX_STREAM_BYTES.saturating_sub(content.len()),
        draws: 0,
        chain: Vec::new(),
        form_fonts: HashMap::new(),
    };
    reader.read(&content, &[encodings], resources, 0)?;
    Ok(reader.lines)
}

/// Reads the text of a content stream and of the forms it draws, into `lines`.
struct TextReader<'a> {
    doc: &'a Document,
    lines: Vec<String>,
    /// How many more bytes of form content may be decoded for this page.
    budget: usize,
    /// How many forms the page has drawn so far.
    draws: usize,
    /// The forms being read, outermost first: a form that draws itself, directly or
    /// through another, is not read again inside itself.
    chain: Vec<ObjectId>,
    /// Each form's own fonts, read the first time it is drawn.
    form_fonts: HashMap<ObjectId, Rc<Encodings<'a>>>,
}

impl<'a> TextReader<'a> {
    fn flush(&mut self, line: &mut String) {
        let t = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            self.lines.push(t);
        }
        line.clear();
    }

    /// `fonts`: the fonts in scope, innermost last (a form's own, then what draws it).
    fn read(
        &mut self,
        content: &[u8],
        fonts: &[Rc<Encodings<'a>>],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), Unread> {
        let content = Content::decode(content)?;
        let mut line = String::new();
        let mut encoding = None;
        // The text line matrix's vertical position, the leading, and the baseline the
        // current line was started on.
        let (mut y, mut leading) = (0.0f32, 0.0f32);
        let mut line_y: Option<f32> = None;
        for op in &content.operations {
            let o = &op.operands;
            match op.operator.as_str() {
                "BT" => y = 0.0,
                "Tf" => {
                    encoding = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| fonts.iter().rev().find_map(|f| f.get(n)))
                }
                "TL" => leading = o.first().map(number).unwrap_or(0.0),
                "Td" | "TD" => {
                    let ty = o.get(1).map(number).unwrap_or(0.0);
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    y += ty;
                }
                "Tm" => y = o.get(5).map(number).unwrap_or(0.0),
                "T*" => y -= leading,
                "'" | "\"" => y -= leading,
                "Do" => {
                    // A form's text is lines of its own, where the form is drawn.
                    self.flush(&mut line);
                    line_y = None;
                    let name = o.first().and_then(|n| n.as_name().ok());
                    if let Some(name) = name {
                        self.form(name, fonts, resources, depth)?;
                    }
                    continue;
                }
                _ => {}
            }
            let strings: Vec<&Object> = match op.operator.as_str() {
                "Tj" | "'" => o.first().into_iter().collect(),
                "\"" => o.get(2).into_iter().collect(),
                "TJ" => match o.first() {
                    Some(Object::Array(a)) => a.iter().collect(),
                    _ => Vec::new(),
                },
                _ => continue,
            };
            if line_y.is_some_and(|ly| (ly - y).abs() > 0.5) {
                self.flush(&mut line);
            }
            line_y = Some(y);
            let Some(enc) = encoding else { continue };
            for s in strings {
                match s {
                    Object::String(bytes, _) => {
                        if let Ok(t) = Document::decode_text(enc, bytes) {
                            line.push_str(&t);
                        }
                    }
                    // A wide gap inside a TJ array is a space between words.
                    n if number(n) < -200.0 && !line.ends_with(' ') => line.push(' '),
                    _ => {}
                }
            }
        }
        self.flush(&mut line);
        Ok(())
    }

    /// The text of the form XObject `name` in `resources`, if it is one (an image draws
    /// no text). Its own fonts come first, then those of what draws it.
    fn form(
        &mut self,
        name: &[u8],
        fonts: &[Rc<Encodings<'a>>],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), Unread> {
        let doc = self.doc;
        let Some((id, form)) = resources
            .and_then(|r| doc.get_dict_in_dict(r, b"XObject").ok())
            .and_then(|x| x.get(name).ok())
            .and_then(|f| f.as_reference().ok())
            .and_then(|id| Some((id, doc.get_object(id).ok()?.as_stream().ok()?)))
            .filter(|(_, f)| {
                f.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")
            })
        else {
            return Ok(());
        };
        if depth >= MAX_FORM_DEPTH || self.chain.contains(&id) {
            return Ok(());
        }
        self.draws += 1;
        if self.draws > MAX_FORM_DRAWS {
            return Err(Unread::TooManyForms);
        }
        let content = form.decompressed_content_with_limit(self.budget)?;
        self.budget = self.budget.saturating_sub(content.len());
        let own = form
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok());
        let own_fonts = match self.form_fonts.get(&id) {
            Some(f) => f.clone(),
            None => {
                let fonts = own
                    .and_then(|r| doc.get_dict_in_dict(r, b"Font").ok())
                    .into_iter()
                    .flat_map(|d| d.iter())
                    .filter_map(|(n, f)| {
                        let f = doc.dereference(f).ok()?.1.as_dict().ok()?;
                        Some((n.clone(), f))
                    });
                let f = Rc::new(encodings(doc, fonts));
                self.form_fonts.insert(id, f.clone());
                f
            }
        };
        let mut scopes = fonts.to_vec();
        scopes.push(own_fonts);
        self.chain.push(id);
        let read = self.read(&content, &scopes, own.or(resources), depth + 1);
        self.chain.pop();
        read
    }
}

/// The base names of fonts the document uses without embedding them.
fn unembedded_fonts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font") {
            continue;
        }
        let sub = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        if sub == b"Type0" || sub == b"Type3" {
            continue; // a composite font's descendant says; a Type 3 font is drawn
        }
        let embedded = d
            .get(b"FontDescriptor")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .is_ok_and(|fd| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| fd.has(k))
            });
        if !embedded {
            let name = d
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_else(|_| "unnamed".into());
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Images.

/// An image ready to be a PDF image XObject.
struct Image {
    width: u32,
    height: u32,
    /// `DeviceRGB` or `DeviceGray`.
    color: &'static [u8],
    /// Raw 8-bit samples, or a JPEG stream kept as it is.
    data: Vec<u8>,
    jpeg: bool,
}

fn png_image(bytes: &[u8]) -> Result<Image, String> {
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_IMAGE_PIXELS * 4) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let (w, h) = (reader.info().width, reader.info().height);
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(format!("{w} × {h} pixels is too large"));
    }
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    // Transparent pixels are laid on white paper.
    let over_white =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    let (color, data): (&'static [u8], Vec<u8>) = match info.color_type {
        png::ColorType::Rgb => (b"DeviceRGB", buf),
        png::ColorType::Grayscale => (b"DeviceGray", buf),
        png::ColorType::Rgba => (
            b"DeviceRGB",
            buf.chunks_exact(4)
                .flat_map(|p| {
                    [
                        over_white(p[0], p[3]),
                        over_white(p[1], p[3]),
                        over_white(p[2], p[3]),
                    ]
                })
                .collect(),
        ),
        png::ColorType::GrayscaleAlpha => (
            b"DeviceGray",
            buf.chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect(),
        ),
        png::ColorType::Indexed => return Err("an indexed image was not expanded".into()),
    };
    Ok(Image {
        width: info.width,
        height: info.height,
        color,
        data,
        jpeg: false,
    })
}

/// Reads a JPEG's size and colour components from its frame header; the stream itself
/// goes into the PDF as it is (`DCTDecode`).
fn jpeg_image(bytes: &[u8]) -> Result<Image, String> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err("the JPEG's markers are damaged".into());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker);
        if is_frame {
            let f = bytes.get(i + 4..i + 10).ok_or("the JPEG ends early")?;
            let height = u32::from(u16::from_be_bytes([f[1], f[2]]));
            let width = u32::from(u16::from_be_bytes([f[3], f[4]]));
            let color: &'static [u8] = match f[5] {
                1 => b"DeviceGray",
                3 => b"DeviceRGB",
                n => {
                    return Err(format!(
                        "a JPEG with {n} colour components (CMYK) is not supported"
                    ))
                }
            };
            if width == 0 || height == 0 {
                return Err("the JPEG has no size".into());
            }
            if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
                return Err(format!("{width} × {height} pixels is too large"));
            }
            return Ok(Image {
                width,
                height,
                color,
                data: bytes.to_vec(),
                jpeg: true,
            });
        }
        if marker == 0xD9 || marker == 0xDA {
            break;
        }
        i += 2 + len;
    }
    Err("the JPEG has no frame header".into())
}

/// A one-page document showing the image as large as fits a Letter page inside
/// half-inch margins.
fn image_document(image: Image) -> Document {
    const W: f32 = 612.0;
    const H: f32 = 792.0;
    const MARGIN: f32 = 36.0;
    let mut doc = Document::with_version("1.7");
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Image".to_vec()));
    dict.set("Width", Object::Integer(i64::from(image.width)));
    dict.set("Height", Object::Integer(i64::from(image.height)));
    dict.set("ColorSpace", Object::Name(image.color.to_vec()));
    dict.set("BitsPerComponent", Object::Integer(8));
    let mut stream = if image.jpeg {
        dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        Stream::new(dict, image.data).with_compression(false)
    } else {
        Stream::new(dict, image.data)
    };
    stream.allows_compression = !image.jpeg;
    let image_id = doc.add_object(stream);
    let scale =
        ((W - 2.0 * MARGIN) / image.width as f32).min((H - 2.0 * MARGIN) / image.height as f32);
    let (w, h) = (image.width as f32 * scale, image.height as f32 * scale);
    let (x, y) = ((W - w) / 2.0, (H - h) / 2.0);
    let content = format!("q {w:.3} 0 0 {h:.3} {x:.3} {y:.3} cm /Im0 Do Q");
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let pages_id = doc.new_object_id();
    let mut xobjects = Dictionary::new();
    xobjects.set("Im0", Object::Reference(image_id));
    let mut resources = Dictionary::new();
    resources.set("XObject", Object::Dictionary(xobjects));
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages_id));
    page.set(
        "MediaBox",
        Object::Array(vec![0.into(), 0.into(), Object::Real(W), Object::Real(H)]),
    );
    page.set("Resources", Object::Dictionary(resources));
    page.set("Contents", Object::Reference(content_id));
    let page_id = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
    pages.set("Count", Object::Integer(1));
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    doc
}

// ---------------------------------------------------------------------------------------
// The index, the slip sheets, and where they land.

/// The index of exhibits and a slip sheet for each, as elements laid out after the
/// filing's own (each starts a new page). None when there are no exhibits.
pub fn elements(exhibits: &[Attached], style: &CourtStyle) -> Vec<Element> {
    if exhibits.is_empty() {
        return Vec::new();
    }
    let spacing = style.body_spacing();
    let mut out = vec![Element::PageBreak];
    let mut heading = Para::new(vec![Span::bold("INDEX OF EXHIBITS")])
        .align(Align::Center)
        .spacing(spacing);
    heading.keep_with_next = true;
    heading.bookmark = Some(INDEX_BOOKMARK.into());
    out.push(Element::Para(heading));
    // A hanging label: "Exhibit A" at the column's left edge, the title indented.
    let hang = 90.0;
    for e in exhibits {
        let pages = match e.source.pages {
            1 => "1 page".to_string(),
            n => format!("{n} pages"),
        };
        let mut p = Para::new(vec![Span::plain(format!("{} ({pages})", e.title))])
            .align(Align::Left)
            .spacing(spacing)
            .indent(hang, 0.0)
            .space_before(1);
        p.label = Some((e.label.clone(), 0.0));
        p.keep_together = true;
        out.push(Element::Para(p));
    }
    // The slip sheets: the label a third of the way down the page, the title under it.
    let line = (style.text.units_per_page / 6).max(1);
    for e in exhibits {
        out.push(Element::PageBreak);
        out.push(Element::AtLine(line));
        let mut big = Para::new(vec![Span::bold(e.label.to_uppercase())])
            .align(Align::Center)
            .spacing(spacing);
        big.size = Some(style.text.size * 2.0);
        big.keep_with_next = true;
        big.bookmark = Some(e.bookmark());
        out.push(Element::Para(big));
        out.push(Element::Para(
            Para::new(vec![Span::plain(e.title.clone())])
                .align(Align::Center)
                .spacing(spacing)
                .space_before(2)
                .indent(36.0, 36.0),
        ));
    }
    out
}

/// Finds each exhibit's slip sheet among the laid-out pages (by its outline entry).
pub fn place(exhibits: &mut [Attached], pages: &[Page]) {
    let mut from = pages
        .iter()
        .position(|p| p.bookmarks.iter().any(|b| b == INDEX_BOOKMARK))
        .unwrap_or(0);
    for e in exhibits {
        let mark = e.bookmark();
        if let Some(i) = pages[from..]
            .iter()
            .position(|p| p.bookmarks.contains(&mark))
        {
            from += i;
        }
        e.slip_page = from;
    }
}

/// Where a protected value appears in the exhibits' text (by exhibit, page and line).
pub fn leaks(guard: &Guard, exhibits: &[Attached]) -> Vec<Leak> {
    exhibits
        .iter()
        .flat_map(|e| guard.check_exhibit(&e.label, &e.source.text))
        .collect()
}

/// The Rule 5.2 findings in the exhibits' text (each names its exhibit, page and line).
pub fn privacy(exhibits: &[Attached], profile: &CaseProfile) -> Vec<PrivacyFinding> {
    exhibits
        .iter()
        .flat_map(|e| {
            crate::rules::privacy_findings(&e.source.text, profile)
                .into_iter()
                .map(|mut f| {
                    f.exhibit = Some(e.label.clone());
                    f
                })
        })
        .collect()
}

/// What a person should check by eye: pages the guards cannot read, fonts not embedded.
pub fn warnings(exhibits: &[Attached]) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in exhibits {
        let s = &e.source;
        let field = format!("exhibits: {}", e.label);
        if s.image {
            out.push(Finding::warning(
                field.clone(),
                "is an image: Drafter cannot read its text, so check it by eye for a protected identity and for what Fed. R. Civ. P. 5.2 requires to be redacted",
            ));
        } else if !s.pages_without_text.is_empty() {
            let pages: Vec<String> = s.pages_without_text.iter().map(|p| p.to_string()).collect();
            out.push(Finding::warning(
                field.clone(),
                format!(
                    "has no readable text on page(s) {} (a scan?): check them by eye for a protected identity and for what Fed. R. Civ. P. 5.2 requires to be redacted",
                    pages.join(", ")
                ),
            ));
        }
        if !s.unembedded_fonts.is_empty() {
            out.push(Finding::warning(
                field,
                format!(
                    "uses fonts that are not embedded ({}); courts' e-filing systems want every font embedded: print the exhibit to PDF again before filing",
                    s.unembedded_fonts.join(", ")
                ),
            ));
        }
    }
    out
}

/// An exhibit as a set's `index.json` lists it under its filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedExhibit {
    /// "Exhibit A".
    pub label: String,
    /// Its title.
    pub title: String,
    /// How many pages it has (its slip sheet not counted).
    pub pages: usize,
    /// The SHA-256 of the exhibit's own file, in hex.
    pub sha256: String,
}

/// A filing's exhibits as its `index.json` entry lists them.
pub fn indexed(exhibits: &[Attached]) -> Vec<IndexedExhibit> {
    exhibits
        .iter()
        .map(|e| IndexedExhibit {
            label: e.label.clone(),
            title: e.title.clone(),
            pages: e.source.pages,
            sha256: e.source.sha256.clone(),
        })
        .collect()
}

/// The outline entries a packet keeps on a filing's page `i` (past its first): the index
/// of exhibits and the slip sheets, each after the filing's short title ("Complaint —
/// Exhibit A: Summons").
pub fn packet_bookmarks(filing: &crate::filing::Filing, i: usize) -> Vec<String> {
    let Some(first) = filing.exhibits.first() else {
        return Vec::new();
    };
    filing.pages[i]
        .bookmarks
        .iter()
        .filter(|b| {
            (i < first.slip_page && b.as_str() == INDEX_BOOKMARK)
                || filing
                    .exhibits
                    .iter()
                    .any(|e| e.slip_page == i && **b == e.bookmark())
        })
        .map(|b| format!("{} — {b}", filing.short_title))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Merging.

/// An exhibit's pages to insert after the page at a 0-based index of the document.
pub type Insert<'a> = (usize, &'a Document);

/// The inserts of a filing's exhibits, with its first page at `offset` in the document.
pub fn inserts(exhibits: &[Attached], offset: usize) -> Vec<Insert<'_>> {
    exhibits
        .iter()
        .map(|e| (offset + e.slip_page, &e.source.doc))
        .collect()
}

/// Copies each insert's pages into `doc` after the given page. The objects each copied
/// page reaches come along, renumbered; page-tree attributes it inherits are set on it;
/// its annotations and actions are left out.
pub(crate) fn merge(doc: &mut Document, inserts: &[Insert<'_>]) {
    if inserts.is_empty() {
        return;
    }
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
    else {
        return;
    };
    let ours: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut kids = Vec::new();
    for (i, id) in ours.iter().enumerate() {
        if let Ok(d) = doc.get_dictionary_mut(*id) {
            d.set("Parent", Object::Reference(root));
        }
        kids.push(Object::Reference(*id));
        for (_, source) in inserts.iter().filter(|(at, _)| *at == i) {
            for page in copy_pages(doc, source, root) {
                kids.push(Object::Reference(page));
            }
        }
    }
    if let Ok(d) = doc.get_dictionary_mut(root) {
        d.set("Count", Object::Integer(kids.len() as i64));
        d.set("Kids", Object::Array(kids));
    }
}

/// Copies `source`'s pages into `doc` under the page-tree node `parent`; returns their
/// new ids in order.
fn copy_pages(doc: &mut Document, source: &Document, parent: ObjectId) -> Vec<ObjectId> {
    let mut map: HashMap<ObjectId, ObjectId> = HashMap::new();
    let mut queue: Vec<ObjectId> = Vec::new();
    let new_id = |old: ObjectId,
                  doc: &mut Document,
                  map: &mut HashMap<ObjectId, ObjectId>,
                  queue: &mut Vec<ObjectId>| {
        *map.entry(old).or_insert_with(|| {
            queue.push(old);
            doc.max_id += 1;
            (doc.max_id, 0)
        })
    };
    let mut pages = Vec::new();
    for (_, old) in source.get_pages() {
        let Ok(dict) = source.get_dictionary(old) else {
            continue;
        };
        let mut page = Dictionary::new();
        for (k, v) in dict.iter() {
            if !matches!(
                k.as_slice(),
                b"Parent" | b"Annots" | b"AA" | b"B" | b"StructParents"
            ) {
                page.set(k.clone(), v.clone());
            }
        }
        for key in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
            if !page.has(key) {
                if let Some(v) = inherited(source, dict, key) {
                    page.set(key.to_vec(), v.clone());
                }
            }
        }
        let mut page = Object::Dictionary(page);
        renumber(&mut page, &mut |old| new_id(old, doc, &mut map, &mut queue));
        if let Object::Dictionary(d) = &mut page {
            d.set("Parent", Object::Reference(parent));
        }
        doc.max_id += 1;
        let id = (doc.max_id, 0);
        doc.objects.insert(id, page);
        pages.push(id);
    }
    // Everything the pages reach, renumbered (a reference to a page-tree node is
    // copied as any other object; it only holds attributes then).
    while let Some(old) = queue.pop() {
        let mut obj = match source.get_object(old) {
            Ok(o) => o.clone(),
            Err(_) => Object::Null,
        };
        if let Object::Dictionary(d) = &mut obj {
            if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Page") {
                // A link to another page (from a copied object) becomes null.
                obj = Object::Null;
            }
        }
        renumber(&mut obj, &mut |o| new_id(o, doc, &mut map, &mut queue));
        let id = map[&old];
        doc.objects.insert(id, obj);
    }
    pages
}

fn renumber(obj: &mut Object, f: &mut impl FnMut(ObjectId) -> ObjectId) {
    match obj {
        Object::Reference(id) => *id = f(*id),
        Object::Array(a) => a.iter_mut().for_each(|o| renumber(o, f)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| renumber(o, f)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| renumber(o, f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_run_past_z() {
        let l = Labels::Letters;
        assert_eq!(
            [0, 1, 25, 26, 27, 51, 52, 701, 702].map(|i| l.label(i)),
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
        assert_eq!(Labels::Numbers.label(0), "1");
        assert_eq!(Labels::Numbers.label(11), "12");
    }

    #[test]
    fn relative_paths_are_read_from_the_profile_folder() {
        let dir = Path::new("/cases/doe");
        assert_eq!(resolve("exhibits/a.pdf", dir), "/cases/doe/exhibits/a.pdf");
        assert_eq!(resolve("/abs/a.pdf", dir), "/abs/a.pdf");
        assert_eq!(
            resolve("builtin:alt-uscis-summons.pdf", dir),
            "builtin:alt-uscis-summons.pdf"
        );
        assert_eq!(resolve("", dir), "");
    }
}
