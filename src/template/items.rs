//! List items: punctuation is the template's job.
//!
//! A request for relief or an item of a `list` question is printed by the template inside
//! a sentence it punctuates itself (`- {{this}};` and a closing "and"). A person who types
//! the item as a sentence ("… under section 1021.5.") or with the joining words ("…; and")
//! would otherwise get them twice ("section 1021.5.; and"). [`normalize`] removes, from the
//! end of an item, as often as they occur:
//!
//! - a joining phrase: `; and`, `; or`, `, and`, `, or` (any case, any spacing);
//! - a `;` or `,`;
//! - a sentence's full stop `.`, also inside a closing quotation mark (`the “Summons.”`
//!   becomes `the “Summons”`);
//!
//! but never the dot of an abbreviation that ends the item: an initialism of single letters
//! with dots (`U.S.C.`, `U.S.`, `L.L.C.`, `p.m.`), a single capital initial (`John F.`),
//! or one of the common legal abbreviations (`Inc.`, `Co.`, `Corp.`, `Ltd.`, `Jr.`,
//! `Sr.`, `et al.`, `et seq.`, `etc.`, `Esq.`, `No.`, `Dept.`, `Bros.`). That dot stays
//! and is not doubled: "42 U.S.C." prints as "42 U.S.C.; and". An ellipsis (`...`, `…`),
//! `?` and `!` are kept as typed.

/// Abbreviations whose final dot belongs to the word (compared without case).
const ABBREVIATIONS: &[&str] = &[
    "inc", "co", "corp", "ltd", "jr", "sr", "al", "seq", "etc", "esq", "dept", "bros", "assn",
    "ass'n", "ass’n",
];

/// The item with the punctuation at its end that the template adds itself removed (see
/// the module's rule).
pub fn normalize(item: &str) -> String {
    let mut s = item.trim_end();
    loop {
        let before = s.len();
        s = strip_joining(s).trim_end();
        if let Some(rest) = s.strip_suffix([';', ',']) {
            s = rest.trim_end();
        } else if ends_with_stop(s) {
            s = s[..s.len() - 1].trim_end();
        }
        if s.len() == before {
            break;
        }
    }
    // A stop (or `;`, `,`) just inside a closing quotation mark goes; the quote stays.
    for quote in ['”', '"'] {
        if let Some(inner) = s.strip_suffix(quote) {
            let kept = normalize(inner);
            if kept.len() < inner.trim_end().len() {
                return format!("{kept}{quote}");
            }
        }
    }
    s.to_string()
}

/// Whether the text ends with a full stop that is not an abbreviation's or an ellipsis.
fn ends_with_stop(s: &str) -> bool {
    s.ends_with('.') && !s.ends_with("..") && !ends_with_abbreviation(s)
}

/// Removes a trailing joining phrase (`; and`, `, or`, …), if there is one.
fn strip_joining(s: &str) -> &str {
    for word in ["and", "or"] {
        let Some(cut) = s.len().checked_sub(word.len()) else {
            continue;
        };
        if !s.is_char_boundary(cut) || !s[cut..].eq_ignore_ascii_case(word) {
            continue;
        }
        let head = &s[..cut];
        if head.ends_with(char::is_whitespace) || head.ends_with([';', ',']) {
            if let Some(rest) = head.trim_end().strip_suffix([';', ',']) {
                return rest;
            }
        }
    }
    s
}

/// Whether the text ends with an abbreviation whose dot belongs to it.
fn ends_with_abbreviation(s: &str) -> bool {
    let word = s
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    // U.S.C., U.S., L.L.C., p.m.: single letters each followed by a dot.
    let initialism = word.len() >= 4
        && word
            .split_terminator('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    // John F.: a single capital initial.
    let initial = {
        let mut chars = stem.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    };
    initialism
        || initial
        || ABBREVIATIONS
            .iter()
            .any(|a| stem.eq_ignore_ascii_case(a) || stem.to_lowercase() == *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_punctuates_and_abbreviations_keep_their_dot() {
        // (typed, printed before the template's own `;`)
        let rows = [
            (
                "Award fees under section 1021.5.",
                "Award fees under section 1021.5",
            ),
            (
                "Award fees under section 1021.5.; and",
                "Award fees under section 1021.5",
            ),
            (
                "Declare the summons unlawful;",
                "Declare the summons unlawful",
            ),
            (
                "Declare the summons unlawful; and",
                "Declare the summons unlawful",
            ),
            (
                "Declare the summons unlawful ; AND ",
                "Declare the summons unlawful",
            ),
            ("Set aside the summons, or", "Set aside the summons"),
            ("Enjoin enforcement,", "Enjoin enforcement"),
            ("Enjoin enforcement.;", "Enjoin enforcement"),
            ("Award fees under 42 U.S.C.", "Award fees under 42 U.S.C."),
            (
                "Award fees under 42 U.S.C.; and",
                "Award fees under 42 U.S.C.",
            ),
            ("Enjoin Acme Widgets, Inc.", "Enjoin Acme Widgets, Inc."),
            ("Enjoin Acme Widgets, Inc.;", "Enjoin Acme Widgets, Inc."),
            (
                "Enjoin Defendants Smith et al.",
                "Enjoin Defendants Smith et al.",
            ),
            (
                "Relief under 5 U.S.C. § 701 et seq.",
                "Relief under 5 U.S.C. § 701 et seq.",
            ),
            ("Order John F.", "Order John F."),
            (
                "Order the United States to pay.",
                "Order the United States to pay",
            ),
            ("Enjoin the U.S.", "Enjoin the U.S."),
            ("Declare that this is so...", "Declare that this is so..."),
            ("Is this so?", "Is this so?"),
            ("Grant a brand new hearing", "Grant a brand new hearing"),
            ("Grant the land", "Grant the land"),
            (
                "Deny the motion for costs and",
                "Deny the motion for costs and",
            ),
            ("  ", ""),
        ];
        for (typed, printed) in rows {
            assert_eq!(normalize(typed), printed, "{typed:?}");
        }
    }

    #[test]
    fn a_stop_inside_a_closing_quote_goes_and_the_quote_stays() {
        assert_eq!(
            normalize("Set aside the “Summons.”"),
            "Set aside the “Summons”"
        );
        assert_eq!(
            normalize("Set aside the \"Order.\";"),
            "Set aside the \"Order\""
        );
        assert_eq!(normalize("Enjoin “Acme, Inc.”"), "Enjoin “Acme, Inc.”");
    }
}
