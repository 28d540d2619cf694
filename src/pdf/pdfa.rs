//! PDF/A-2b finishing on the lower-level document printpdf hands over: the XMP metadata
//! packet with the PDF/A identification (matching the Info dictionary field for field),
//! an sRGB OutputIntent from the colour profile found at build time, a document ID
//! derived from the content, and nothing CM/ECF rejects (no encryption, JavaScript,
//! actions or embedded files — printpdf writes none, and nothing here adds any).

use super::PdfInfo;
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};
use std::hash::{Hash, Hasher};

const SRGB_ICC: &[u8] = include_bytes!(env!("DRAFTER_SRGB_ICC"));

/// The PDF date form: `D:20170407000000Z`.
fn pdf_date(info: &PdfInfo) -> String {
    info.date.format("D:%Y%m%d000000Z").to_string()
}

/// The XMP date form: `2017-04-07T00:00:00Z`.
fn xmp_date(info: &PdfInfo) -> String {
    info.date.format("%Y-%m-%dT00:00:00Z").to_string()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn text(s: &str) -> Object {
    // UTF-16BE with a byte-order mark: any character survives in the Info dictionary.
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn xmp(info: &PdfInfo, creator: &str, producer: &str, id: &str) -> String {
    let date = xmp_date(info);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmpMM:DocumentID>uuid:{id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{id}</xmpMM:InstanceID>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = xml_escape(&info.title),
        author = xml_escape(&info.author),
        subject = xml_escape(&info.subject),
        keywords = xml_escape(&info.keywords.join(", ")),
        producer = xml_escape(producer),
        creator = xml_escape(creator),
    )
}

/// A stable identifier for the document: the same content and metadata give the same ID.
/// (An identifier, not a security measure: two SipHash lanes over the content streams.)
fn document_id(doc: &Document, info: &PdfInfo) -> [u8; 16] {
    let mut id = [0u8; 16];
    for (lane, chunk) in id.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        lane.hash(&mut h);
        info.title.hash(&mut h);
        info.author.hash(&mut h);
        pdf_date(info).hash(&mut h);
        for obj in doc.objects.values() {
            if let Object::Stream(s) = obj {
                s.content.hash(&mut h);
            }
        }
        chunk.copy_from_slice(&h.finish().to_be_bytes());
    }
    id
}

/// Flate-compresses every stream that allows it, with libdeflate at its fastest level
/// (several times faster than the miniz encoder lopdf uses; the complaint comes out a few
/// KiB larger than at the default level, still smaller than typst's).
fn compress_streams(doc: &mut Document) {
    // Level 1, the fastest that compresses (level 0 only stores).
    const FLATE_LEVEL: libdeflater::CompressionLvl = match libdeflater::CompressionLvl::new(1) {
        Ok(level) => level,
        Err(_) => panic!("libdeflate has level 1"),
    };
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> =
            std::cell::RefCell::new(libdeflater::Compressor::new(FLATE_LEVEL));
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        for obj in doc.objects.values_mut() {
            let Object::Stream(s) = obj else { continue };
            if !s.allows_compression || s.dict.has(b"Filter") || s.content.len() < 64 {
                continue;
            }
            let mut out = vec![0u8; c.zlib_compress_bound(s.content.len())];
            let Ok(n) = c.zlib_compress(&s.content, &mut out) else {
                continue;
            };
            if n < s.content.len() {
                out.truncate(n);
                s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                s.set_content(out);
            }
        }
    });
}

fn uuid(id: &[u8; 16]) -> String {
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Adds the PDF/A-2b furniture and serializes the document.
pub fn finish(mut doc: Document, info: &PdfInfo) -> Vec<u8> {
    doc.version = "1.7".to_string();
    let creator = format!("Drafter {}", env!("CARGO_PKG_VERSION"));
    let producer = format!("Drafter {} (printpdf)", env!("CARGO_PKG_VERSION"));
    let id = document_id(&doc, info);

    let mut info_dict = Dictionary::new();
    info_dict.set("Title", text(&info.title));
    info_dict.set("Author", text(&info.author));
    info_dict.set("Subject", text(&info.subject));
    info_dict.set("Keywords", text(&info.keywords.join(", ")));
    info_dict.set("Creator", text(&creator));
    info_dict.set("Producer", text(&producer));
    info_dict.set("CreationDate", text(&pdf_date(info)));
    info_dict.set("ModDate", text(&pdf_date(info)));
    let info_id = doc.add_object(info_dict);

    let xmp = xmp(info, &creator, &producer, &uuid(&id));
    let mut meta_dict = Dictionary::new();
    meta_dict.set("Type", Object::Name(b"Metadata".to_vec()));
    meta_dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let meta_id = doc.add_object(Stream::new(meta_dict, xmp.into_bytes()).with_compression(false));

    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", Object::Integer(3));
    let icc_id = doc.add_object(Stream::new(icc_dict, SRGB_ICC.to_vec()));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set("OutputConditionIdentifier", text("sRGB IEC61966-2.1"));
    intent.set("RegistryName", text("http://www.color.org"));
    intent.set("Info", text("sRGB IEC61966-2.1"));
    intent.set("DestOutputProfile", Object::Reference(icc_id));

    let has_outline = doc.catalog().map(|c| c.has(b"Outlines")).unwrap_or(false);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", Object::Reference(meta_id));
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
        // printpdf writes PageMode as a string; it is a name.
        let mode: &[u8] = if has_outline {
            b"UseOutlines"
        } else {
            b"UseNone"
        };
        catalog.set("PageMode", Object::Name(mode.to_vec()));
        catalog.remove(b"OCProperties");
    }
    doc.trailer.set("Info", Object::Reference(info_id));
    let id_obj = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![id_obj.clone(), id_obj]));
    doc.prune_objects();
    compress_streams(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .expect("writing to memory cannot fail");
    out
}
