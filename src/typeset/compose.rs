//! Composition: wraps the template's body in everything the court style and the profile
//! decide — counsel's block, the court's title, the caption box, numbered paragraphs,
//! the signature block, the certificate of service — or, for a letter, the letterhead,
//! date and closing. Templates never type these themselves.

use super::model::{Align, Block, BlockKind, Column, Element, Para, Spacing, Span};
use super::style::{BulletStyle, CourtStyle};
use crate::profile::{CaseProfile, Counsel, Party, PartyKind, Role, Side};
use crate::rules::PaperService;
use chrono::NaiveDate;

/// Whether a filing is a court paper or a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// A paper filed with the court: caption, numbered paragraphs, signature.
    Pleading,
    /// A letter: letterhead, date, closing.
    Letter,
}

/// How much of the caption to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaptionKind {
    /// Every party, with capacities (the complaint).
    Full,
    /// The first party on each side and "et al." (later filings).
    Short,
}

/// When to add a certificate of service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CertificateRule {
    /// Never.
    Never,
    /// When the profile records service on any party.
    Auto,
    /// Always.
    Always,
}

/// What composition needs to know about the filing besides its body.
#[derive(Debug, Clone)]
pub struct FilingSpec {
    /// The document's title, as the caption prints it.
    pub title: String,
    /// The footer's short title.
    pub short_title: String,
    /// A court paper or a letter.
    pub layout: Layout,
    /// The role of the party filing it: whose counsel signs.
    pub filed_by: Role,
    /// How much of the caption to print.
    pub caption: CaptionKind,
    /// Counsel's block at the top of the first page.
    pub attorney_block: bool,
    /// The signature block after the body.
    pub signature: bool,
    /// When to add a certificate of service.
    pub certificate_of_service: CertificateRule,
    /// The document's date.
    pub date: NaiveDate,
    /// Lines the court's rules add under the caption's title ("DEMAND FOR JURY TRIAL").
    pub caption_lines: Vec<String>,
}

/// Long date: "April 7, 2017".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

/// Composes a whole filing.
pub fn compose(
    blocks: &[Block],
    spec: &FilingSpec,
    profile: &CaseProfile,
    style: &CourtStyle,
) -> Vec<Element> {
    match spec.layout {
        Layout::Pleading => pleading(blocks, spec, profile, style),
        Layout::Letter => letter(blocks, spec, profile, style),
    }
}

fn counsel_for<'a>(spec: &FilingSpec, profile: &'a CaseProfile) -> Vec<&'a Counsel> {
    profile.counsel_for_role(spec.filed_by)
}

fn filers<'a>(spec: &FilingSpec, profile: &'a CaseProfile) -> Vec<&'a Party> {
    profile.parties_with_role(spec.filed_by).collect()
}

fn single(text: impl Into<String>) -> Para {
    Para::new(vec![Span::plain(text)])
        .align(Align::Left)
        .spacing(Spacing::Single)
}

fn pleading(
    blocks: &[Block],
    spec: &FilingSpec,
    profile: &CaseProfile,
    style: &CourtStyle,
) -> Vec<Element> {
    let mut out = Vec::new();
    let counsel = counsel_for(spec, profile);
    if spec.attorney_block && style.first_page.attorney_block && !counsel.is_empty() {
        for p in attorney_block(&counsel, spec, profile) {
            out.push(Element::Para(p));
        }
    }
    out.push(Element::AtLine(style.first_page.court_title_line));
    let mut court = vec![profile.court.name.to_uppercase()];
    for part in [&profile.court.district, &profile.court.division] {
        if !part.trim().is_empty() {
            court.push(part.to_uppercase());
        }
    }
    out.push(Element::Para(
        Para::new(vec![Span::bold(court.join("\n"))])
            .align(Align::Center)
            .spacing(Spacing::Double)
            .keep_together(),
    ));
    out.push(caption(spec, profile, style));
    body(blocks, &mut out, style);
    if spec.signature {
        out.push(signature(spec, profile, style));
    }
    let (served, _) = crate::rules::service_list(profile, spec.filed_by, &style.court.us_attorney);
    let certificate = match spec.certificate_of_service {
        CertificateRule::Never => false,
        // Rule 5(d)(1)(B): none for a paper served only through the court's system.
        CertificateRule::Auto => crate::rules::certificate_needed(&served),
        CertificateRule::Always => true,
    };
    if certificate {
        certificate_of_service(spec, profile, &served, style, &mut out);
    }
    out
}

fn attorney_block(counsel: &[&Counsel], spec: &FilingSpec, profile: &CaseProfile) -> Vec<Para> {
    let mut lines = Vec::new();
    let mut firms: Vec<(Option<&str>, Vec<&Counsel>)> = Vec::new();
    for c in counsel {
        match firms.iter_mut().find(|(f, _)| *f == c.firm.as_deref()) {
            Some((_, list)) => list.push(c),
            None => firms.push((c.firm.as_deref(), vec![c])),
        }
    }
    for (fi, (firm, members)) in firms.iter().enumerate() {
        if fi > 0 {
            lines.push(String::new());
        }
        for c in members {
            lines.push(counsel_name_line(c));
            if let Some(email) = &c.email {
                lines.push(email.clone());
            }
        }
        if let Some(firm) = firm {
            lines.push(firm.to_uppercase());
        }
        let first = members[0];
        lines.extend(first.address.iter().cloned());
        if let Some(phone) = &first.phone {
            lines.push(format!("Telephone: {phone}"));
        }
    }
    lines.push(String::new());
    lines.push(attorneys_for(spec, profile));
    vec![single(lines.join("\n")).keep_together()]
}

fn counsel_name_line(c: &Counsel) -> String {
    match (&c.bar_number, c.pro_hac_vice) {
        (_, true) => format!("{} (pro hac vice)", c.name),
        // A bare number is a California State Bar number; anything else prints as stored.
        (Some(bar), false) if bar.chars().all(|ch| ch.is_ascii_digit()) => {
            format!("{} (SBN {bar})", c.name)
        }
        (Some(bar), false) => format!("{} ({bar})", c.name),
        (None, false) => c.name.clone(),
    }
}

/// "Attorneys for Plaintiff TWITTER, INC." (one line per represented party group).
fn attorneys_for(spec: &FilingSpec, profile: &CaseProfile) -> String {
    let filers = filers(spec, profile);
    let label = if filers.len() > 1 {
        spec.filed_by.plural_label()
    } else {
        spec.filed_by.label()
    };
    let names: Vec<String> = filers.iter().map(|p| caption_name(p)).collect();
    format!("Attorneys for {label}\n{}", names.join("\n"))
}

/// A party's caption name: upper case, with the official capacity in ordinary case.
fn caption_name(p: &Party) -> String {
    let name = if p.is_pseudonymous() {
        p.name.clone()
    } else {
        p.name.to_uppercase()
    };
    match (&p.capacity, p.kind) {
        (Some(cap), PartyKind::GovernmentOfficial) => format!("{name}, {cap}"),
        _ => name,
    }
}

fn caption(spec: &FilingSpec, profile: &CaseProfile, style: &CourtStyle) -> Element {
    let width = style.text_width();
    let split = width * style.first_page.caption_split;
    let mut left: Vec<Para> = Vec::new();
    for (si, side) in [Side::Initiating, Side::Responding].into_iter().enumerate() {
        let parties: Vec<&Party> = profile.parties_on(side).collect();
        if parties.is_empty() {
            continue;
        }
        if si == 1 {
            left.push(single("v.").indent(36.0, 0.0).space_before(1));
        }
        let role = parties[0].role;
        let text = match spec.caption {
            CaptionKind::Short if parties.len() > 1 => {
                format!("{}, et al.,", caption_name(parties[0]))
            }
            _ => {
                let names: Vec<String> = parties.iter().map(|p| caption_name(p)).collect();
                format!("{},", names.join("; "))
            }
        };
        left.push(single(text).space_before(if si == 1 { 1 } else { 0 }));
        let label = if parties.len() > 1 {
            role.plural_label()
        } else {
            role.label()
        };
        let end = if si == 0 { ',' } else { '.' };
        left.push(
            single(format!("{label}{end}"))
                .indent(split * 0.45, 0.0)
                .space_before(1),
        );
    }
    let mut right = vec![single(
        match crate::rules::caption_case_number(profile, &style.court) {
            Some(n) => format!("Case No. {n}"),
            None => "Case No. ____________".to_string(),
        },
    )];
    right.push(
        Para::new(vec![Span::bold(spec.title.to_uppercase())])
            .align(Align::Left)
            .spacing(Spacing::Single)
            .space_before(2),
    );
    for line in &spec.caption_lines {
        right.push(
            Para::new(vec![Span::bold(line.clone())])
                .align(Align::Left)
                .spacing(Spacing::Single)
                .space_before(1),
        );
    }
    if let Some(judge) = &profile.judge {
        right.push(single(format!("Judge: {judge}")).space_before(2));
    }
    let gap = 18.0;
    Element::Columns {
        columns: vec![
            Column {
                x: 0.0,
                width: split - gap,
                paras: left,
            },
            Column {
                x: split + gap,
                width: width - split - gap,
                paras: right,
            },
        ],
        boxed: style.first_page.caption_box,
        space_before: 2,
    }
}

/// The body: headings, numbered paragraphs (numbered continuously), lists and quotes.
fn body(blocks: &[Block], out: &mut Vec<Element>, style: &CourtStyle) {
    let spacing = style.body_spacing();
    let indent = style.text.paragraph_indent;
    let gap = style.text.paragraph_gap;
    let mut number = 0u32;
    let mut letters = [0u32; 4];
    for (i, b) in blocks.iter().enumerate() {
        if !matches!(b.kind, BlockKind::Item(_)) {
            letters = [0; 4];
        }
        let p = match b.kind {
            BlockKind::Heading(level) => {
                let text = b.plain_text();
                let spans = b
                    .spans
                    .iter()
                    .map(|s| Span {
                        bold: true,
                        ..s.clone()
                    })
                    .collect();
                let mut p = Para::new(spans)
                    .align(if level <= 2 {
                        Align::Center
                    } else {
                        Align::Left
                    })
                    .spacing(spacing)
                    .keep_together()
                    .space_before(if i == 0 { 0 } else { gap });
                p.keep_with_next = true;
                p.bookmark = Some(text.replace('\n', " "));
                p
            }
            BlockKind::Paragraph => {
                let mut p = Para::new(b.spans.clone())
                    .spacing(spacing)
                    .space_before(gap);
                p.first_indent = indent;
                p
            }
            BlockKind::Numbered => {
                number += 1;
                let mut p = Para::new(b.spans.clone())
                    .spacing(spacing)
                    .space_before(gap);
                if indent > 0.0 {
                    p.first_indent = indent * 2.0;
                    p.label = Some((format!("{number}."), indent));
                } else {
                    p.left = 24.0;
                    p.label = Some((format!("{number}."), 0.0));
                }
                p
            }
            BlockKind::Item(depth) => {
                let d = usize::from(depth);
                letters[d] += 1;
                letters.iter_mut().skip(d + 1).for_each(|l| *l = 0);
                let label = if style.text.bullet_style == BulletStyle::Bullets {
                    "•".to_string()
                } else {
                    list_label(depth, letters[d])
                };
                let left = indent.max(18.0) * (2.0 + f32::from(depth));
                let mut p = Para::new(b.spans.clone())
                    .spacing(spacing)
                    .space_before(gap);
                p.left = left;
                p.label = Some((label, left - indent.max(18.0)));
                p
            }
            BlockKind::Quote => Para::new(b.spans.clone())
                .spacing(Spacing::Single)
                .indent(indent.max(36.0), indent.max(36.0))
                .space_before(if spacing == Spacing::Double { 0 } else { gap }),
        };
        // Single-spaced matter (a quotation) is set off by a blank half-line below it.
        let after_quote =
            i > 0 && blocks[i - 1].kind == BlockKind::Quote && b.kind != BlockKind::Quote;
        let p = if after_quote {
            Para {
                space_before: p.space_before.max(1),
                ..p
            }
        } else {
            p
        };
        out.push(Element::Para(p));
    }
}

/// "A.", then "1.", then "a.", then "i." for deeper levels.
fn list_label(depth: u8, n: u32) -> String {
    let letter = |n: u32, base: u8| {
        let mut s = String::new();
        let mut n = n;
        while n > 0 {
            let r = ((n - 1) % 26) as u8;
            s.insert(0, char::from(base + r));
            n = (n - 1) / 26;
        }
        s
    };
    match depth {
        0 => format!("{}.", letter(n, b'A')),
        1 => format!("{n}."),
        2 => format!("{}.", letter(n, b'a')),
        _ => format!("({n})"),
    }
}

fn signature(spec: &FilingSpec, profile: &CaseProfile, style: &CourtStyle) -> Element {
    let width = style.text_width();
    let half = width / 2.0;
    let counsel = counsel_for(spec, profile);
    let mut right = vec![single("Respectfully submitted,")];
    if let Some(firm) = counsel.first().and_then(|c| c.firm.clone()) {
        right.push(single(firm.to_uppercase()).space_before(2));
    }
    if let Some(c) = counsel.first() {
        right.push(single(format!("By: /s/ {}", c.name)).space_before(2));
        right.push(single(&c.name).indent(22.0, 0.0));
    }
    right.push(single(attorneys_for(spec, profile)).space_before(2));
    let left = vec![single(format!("Dated: {}", long_date(spec.date)))];
    let mut el = Element::Columns {
        columns: vec![
            Column {
                x: 0.0,
                width: half - 12.0,
                paras: left,
            },
            Column {
                x: half,
                width: half,
                paras: right,
            },
        ],
        boxed: false,
        space_before: 2,
    };
    // The signature is one box; it must stay with the text above it.
    if let Element::Columns { columns, .. } = &mut el {
        if let Some(p) = columns[0].paras.first_mut() {
            p.keep_with_previous = true;
        }
    }
    el
}

fn certificate_of_service(
    spec: &FilingSpec,
    profile: &CaseProfile,
    served: &[crate::rules::ServiceEntry],
    style: &CourtStyle,
    out: &mut Vec<Element>,
) {
    let spacing = style.body_spacing();
    out.push(Element::PageBreak);
    let mut h = Para::new(vec![Span::bold("CERTIFICATE OF SERVICE")])
        .align(Align::Center)
        .spacing(spacing)
        .keep_together();
    h.keep_with_next = true;
    h.bookmark = Some("Certificate of Service".into());
    out.push(Element::Para(h));
    // Later papers are served under Rule 5(b): through the court's system on counsel of
    // record, by mail on everyone else (see rules::service).
    let electronic: Vec<String> = served
        .iter()
        .filter_map(|e| match &e.service {
            PaperService::CourtElectronic { counsel } => {
                Some(format!("{} (counsel for {})", counsel.join(", "), e.name))
            }
            PaperService::Mail { .. } => None,
        })
        .collect();
    let mailed: Vec<(&str, &[String])> = served
        .iter()
        .filter_map(|e| match &e.service {
            PaperService::Mail { to, address } => Some((to.as_str(), address.as_slice())),
            PaperService::CourtElectronic { .. } => None,
        })
        .collect();
    let mut text = format!(
        "I hereby certify that on {}, I electronically filed the foregoing {} with the Clerk of the Court using the CM/ECF system",
        long_date(spec.date),
        spec.title.to_uppercase()
    );
    if electronic.is_empty() {
        text.push('.');
    } else {
        text.push_str(&format!(
            ", which will send notice of the filing to the following counsel of record, who are thereby served (Fed. R. Civ. P. 5(b)(2)(E)): {}.",
            electronic.join("; ")
        ));
    }
    if !mailed.is_empty() {
        text.push_str(&format!(
            " On the same day I served a copy by first-class mail, postage prepaid (Fed. R. Civ. P. 5(b)(2)(C)), addressed to the following {}:",
            if mailed.len() == 1 { "party" } else { "parties" }
        ));
    }
    let mut p = Para::new(vec![Span::plain(text)]).spacing(spacing);
    p.first_indent = style.text.paragraph_indent;
    out.push(Element::Para(p));
    for (to, address) in mailed {
        let mut lines = vec![to.to_string()];
        lines.extend(address.iter().cloned());
        out.push(Element::Para(
            single(lines.join("\n"))
                .indent(style.text.paragraph_indent * 2.0, 0.0)
                .space_before(1)
                .keep_together(),
        ));
    }
    if let Some(c) = counsel_for(spec, profile).first() {
        let mut sig = single(format!("/s/ {}\n{}", c.name, c.name))
            .indent(style.text_width() / 2.0, 0.0)
            .space_before(2)
            .keep_together();
        sig.keep_with_previous = true;
        out.push(Element::Para(sig));
    }
}

fn letter(
    blocks: &[Block],
    spec: &FilingSpec,
    profile: &CaseProfile,
    style: &CourtStyle,
) -> Vec<Element> {
    let mut out = Vec::new();
    let counsel = counsel_for(spec, profile);
    if let Some(first) = counsel.first() {
        let firm = first.firm.clone().unwrap_or_else(|| first.name.clone());
        let mut head = Para::new(vec![Span::bold(firm.to_uppercase())])
            .align(Align::Center)
            .spacing(Spacing::Single);
        head.size = Some(style.text.size + 2.0);
        out.push(Element::Para(head));
        let mut contact: Vec<String> = vec![first.address.join(" · ")];
        let reach: Vec<String> = [first.phone.clone(), first.email.clone()]
            .into_iter()
            .flatten()
            .collect();
        if !reach.is_empty() {
            contact.push(reach.join(" · "));
        }
        let mut c = single(contact.join("\n")).align(Align::Center);
        c.size = Some(style.text.size - 2.0);
        out.push(Element::Para(c));
    }
    out.push(Element::Para(single(long_date(spec.date)).space_before(3)));
    let start = out.len();
    body(blocks, &mut out, style);
    if let Some(Element::Para(p)) = out.get_mut(start) {
        p.space_before = 2;
    }
    if spec.signature {
        let mut lines = vec!["Sincerely,".to_string(), String::new()];
        for c in &counsel {
            lines.push(format!("/s/ {}", c.name));
            lines.push(c.name.clone());
            lines.push(String::new());
        }
        if let Some(firm) = counsel.first().and_then(|c| c.firm.clone()) {
            lines.push(firm);
        }
        let mut sig = single(lines.join("\n").replace("\n\n\n", "\n\n"))
            .space_before(1)
            .keep_together();
        sig.keep_with_previous = true;
        out.push(Element::Para(sig));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(layout: Layout, certificate: CertificateRule) -> FilingSpec {
        FilingSpec {
            title: "Notice of Voluntary Dismissal".into(),
            short_title: "Notice".into(),
            layout,
            filed_by: Role::Plaintiff,
            caption: CaptionKind::Short,
            attorney_block: true,
            signature: true,
            certificate_of_service: certificate,
            date: NaiveDate::from_ymd_opt(2017, 4, 7).unwrap(),
            caption_lines: Vec::new(),
        }
    }

    fn example() -> CaseProfile {
        crate::examples::profile("alt-uscis").unwrap()
    }

    fn block(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            spans: vec![Span::plain(text)],
        }
    }

    fn paras(elements: &[Element]) -> Vec<&Para> {
        elements
            .iter()
            .filter_map(|e| match e {
                Element::Para(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    fn labels(elements: &[Element]) -> Vec<String> {
        paras(elements)
            .iter()
            .filter_map(|p| p.label.as_ref().map(|(l, _)| l.clone()))
            .collect()
    }

    #[test]
    fn list_labels_by_depth() {
        assert_eq!(list_label(0, 1), "A.");
        assert_eq!(list_label(0, 26), "Z.");
        assert_eq!(list_label(0, 27), "AA.");
        assert_eq!(list_label(1, 3), "3.");
        assert_eq!(list_label(2, 2), "b.");
        assert_eq!(list_label(3, 4), "(4)");
    }

    #[test]
    fn paragraphs_are_numbered_across_headings_and_letters_restart() {
        let style = CourtStyle::load("cand", None).unwrap();
        let blocks = [
            block(BlockKind::Numbered, "one"),
            block(BlockKind::Item(0), "a"),
            block(BlockKind::Item(0), "b"),
            block(BlockKind::Heading(2), "FIRST CLAIM"),
            block(BlockKind::Numbered, "two"),
            block(BlockKind::Item(0), "c"),
            block(BlockKind::Item(1), "c.1"),
        ];
        let mut out = Vec::new();
        body(&blocks, &mut out, &style);
        assert_eq!(labels(&out), ["1.", "A.", "B.", "2.", "A.", "1."]);
        // The heading is kept with what follows and becomes an outline entry.
        let heading = paras(&out)[3];
        assert!(heading.keep_with_next);
        assert_eq!(heading.bookmark.as_deref(), Some("FIRST CLAIM"));
        assert!(heading.spans.iter().all(|s| s.bold));
    }

    #[test]
    fn quotes_are_single_spaced_and_indented_both_sides() {
        let style = CourtStyle::load("cand", None).unwrap();
        let blocks = [
            block(BlockKind::Quote, "quoted"),
            block(BlockKind::Paragraph, "after"),
        ];
        let mut out = Vec::new();
        body(&blocks, &mut out, &style);
        let ps = paras(&out);
        assert_eq!(ps[0].spacing, Spacing::Single);
        assert_eq!((ps[0].left, ps[0].right), (36.0, 36.0));
        // A blank half-line sets the quotation off from what follows.
        assert_eq!(ps[1].space_before, 1);
    }

    #[test]
    fn bullets_style_uses_bullets() {
        let text = include_str!("../../templates/styles/federal.toml")
            .replace("bullet_style = \"letters\"", "bullet_style = \"bullets\"");
        let style = CourtStyle::from_toml("x", &text, "x.toml").unwrap();
        let mut out = Vec::new();
        body(&[block(BlockKind::Item(0), "a")], &mut out, &style);
        assert_eq!(labels(&out), ["•"]);
    }

    #[test]
    fn a_short_caption_names_the_first_party_on_each_side() {
        let style = CourtStyle::load("cand", None).unwrap();
        let profile = example();
        let el = caption(
            &spec(Layout::Pleading, CertificateRule::Never),
            &profile,
            &style,
        );
        let Element::Columns { columns, boxed, .. } = el else {
            panic!("the caption is two columns")
        };
        assert!(boxed);
        let left: Vec<String> = columns[0]
            .paras
            .iter()
            .map(|p| p.spans[0].text.clone())
            .collect();
        assert_eq!(
            left,
            [
                "TWITTER, INC.,",
                "Plaintiff,",
                "v.",
                "U.S. DEPARTMENT OF HOMELAND SECURITY, et al.,",
                "Defendants."
            ]
        );
        let right = &columns[1].paras;
        assert_eq!(right[0].spans[0].text, "Case No. 3:17-cv-01916");
        assert_eq!(right[1].spans[0].text, "NOTICE OF VOLUNTARY DISMISSAL");
    }

    #[test]
    fn the_certificate_of_service_follows_its_rule() {
        let style = CourtStyle::load("cand", None).unwrap();
        let mut profile = example();
        let has_certificate = |spec: &FilingSpec, profile: &CaseProfile| {
            compose(&[], spec, profile, &style)
                .iter()
                .any(|e| matches!(e, Element::Para(p) if p.bookmark.as_deref() == Some("Certificate of Service")))
        };
        assert!(!has_certificate(
            &spec(Layout::Pleading, CertificateRule::Never),
            &profile
        ));
        assert!(has_certificate(
            &spec(Layout::Pleading, CertificateRule::Always),
            &profile
        ));
        // Rule 5(a)(1): every party is served whether or not service of the summons is
        // recorded; the example's defendants have no counsel in the case, so they are
        // served by mail and the certificate says so.
        profile.docket.service.clear();
        assert!(has_certificate(
            &spec(Layout::Pleading, CertificateRule::Auto),
            &profile
        ));
    }

    #[test]
    fn counsel_name_lines() {
        let profile = example();
        let c = &profile.counsel[0];
        let line = counsel_name_line(c);
        assert!(line.starts_with(&c.name), "{line}");
        let mut c = c.clone();
        c.bar_number = Some("123456".into());
        c.pro_hac_vice = false;
        assert_eq!(counsel_name_line(&c), format!("{} (SBN 123456)", c.name));
        c.bar_number = Some("NY 4455".into());
        assert_eq!(counsel_name_line(&c), format!("{} (NY 4455)", c.name));
        c.pro_hac_vice = true;
        assert_eq!(counsel_name_line(&c), format!("{} (pro hac vice)", c.name));
    }

    #[test]
    fn a_letter_has_letterhead_date_and_closing_but_no_caption() {
        let style = CourtStyle::load("letter", None).unwrap();
        let profile = example();
        let out = compose(
            &[block(BlockKind::Paragraph, "Dear Counsel:")],
            &spec(Layout::Letter, CertificateRule::Never),
            &profile,
            &style,
        );
        assert!(out.iter().all(|e| !matches!(e, Element::Columns { .. })));
        let texts: Vec<String> = paras(&out)
            .iter()
            .map(|p| p.spans.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert!(texts.contains(&"April 7, 2017".to_string()), "{texts:?}");
        assert!(texts.last().unwrap().starts_with("Sincerely,"), "{texts:?}");
    }
}
