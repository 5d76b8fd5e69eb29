//! The command line: clap derive types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::paper::Paper;
use crate::render::Format;
use crate::typeset::PdfStandard;

/// hopeprint turns recovery-oriented practice frameworks, kept as YAML, into print-ready
/// and accessible PDFs: posters, sheets, handouts and session packs.
///
/// Content, layouts, fonts and two editions (nimhe-uk, ohio-us) are built in. A project
/// directory (`-C DIR`, default the current directory) overrides them file by file: put
/// your own copy of a file under its `content/`, `layouts/` or `fonts/` folder, or start
/// with `hopeprint init`.
#[derive(Debug, Parser)]
#[command(name = "hopeprint", version, max_term_width = 100)]
pub struct Cli {
    /// Use DIR as the project directory instead of the current directory. As with `git -C`,
    /// relative paths on the command line (-o, --out and its default out/, a pack file,
    /// init's folder) are then inside DIR.
    #[arg(short = 'C', long = "project", value_name = "DIR", global = true)]
    pub project: Option<PathBuf>,

    /// Refuse content files larger than this many megabytes (a hand-written file that big
    /// is almost certainly a mistake).
    #[arg(long, value_name = "MB", global = true, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_file_size: u64,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check all content: structure, references, empty cells; print counts.
    ///
    /// Exits with 0 when the content is sound and 1 when it is not.
    Check(CheckArgs),
    /// List what the content holds, with the references editions and patches use.
    List(ListArgs),
    /// Render one document: a poster, a sheet or a handout.
    #[command(after_help = "Examples:
  hopeprint render poster --level 2                     level 2's poster, A1 landscape
  hopeprint render sheet --role clinicians --paper a3   the clinicians' sheet on A3
  hopeprint render handout glossary -o key-terms.png    PNG pages, from the extension
  hopeprint render sheet --level 2 --format html        a web page, with its PDF beside it
  hopeprint -C my-trust render poster --component stigma   in the my-trust project")]
    Render(RenderArgs),
    /// Render every document of the catalogue (content/catalog.yaml) for every edition,
    /// into <out>/<edition>/; unchanged documents are not rendered again.
    #[command(after_help = "Examples:
  hopeprint build                           everything, into out/<edition>/
  hopeprint build --edition ohio-us --force one edition, rendering all again
  hopeprint build --format html --out web   the web edition: a page and a PDF per document,
                                            and web/<edition>/index.html to publish
  hopeprint -C my-trust build               the my-trust project, into my-trust/out/")]
    Build(BuildArgs),
    /// Render again whenever content, layouts, fonts, assets, editions or packs change.
    Watch {
        #[command(subcommand)]
        what: WatchWhat,
    },
    /// Make a session pack: cover, agenda, facilitator notes, the handouts with their
    /// copies, a sign-in sheet and an evaluation form, in one PDF to print.
    #[command(after_help = "Examples:
  hopeprint pack partners-in-recovery --participants 14
  hopeprint pack my-session.yaml -o session.pdf --split --one-sided")]
    Pack(PackArgs),
    /// Start a project directory for your own edition: an edition file to fill in, a
    /// placeholder logo, a catalogue and JSON Schemas for editors.
    #[command(after_help = "Example:
  hopeprint init anytown --edition anytown-2027   then edit anytown/content/editions/anytown-2027.yaml
  hopeprint -C anytown build                      and make the whole set")]
    Init {
        /// The directory to create (it must not exist yet, or be empty).
        dir: PathBuf,
        /// The new edition's id, e.g. `derbyshire-2027` (lowercase words joined by `-`).
        #[arg(long, value_name = "ID")]
        edition: String,
        /// The edition to start from.
        #[arg(long, value_name = "ID", default_value = "nimhe-uk")]
        from: String,
    },
    /// Write JSON Schemas of the content, edition and catalogue files, so editors can
    /// complete and check them as you type.
    Schema {
        /// The folder to write them into.
        #[arg(long, default_value = "schemas", value_name = "DIR")]
        out: PathBuf,
    },
    /// List the editions, or show what an edition changes.
    Edition {
        #[command(subcommand)]
        action: EditionAction,
    },
    /// List the layouts, or copy a built-in one into the project to change it.
    Layouts {
        #[command(subcommand)]
        action: LayoutsAction,
    },
    /// Copy any built-in file (content/…, layouts/…) into the project, to change it there.
    #[command(after_help = "Examples:
  hopeprint eject content/labels/en.yaml
  hopeprint eject content/packs/partners-in-recovery.yaml
  hopeprint eject layouts/theme.typ")]
    Eject {
        /// The file's path, as `hopeprint list files` and `layouts list` show it.
        path: String,
        /// Replace the project's copy if it already has one.
        #[arg(long)]
        force: bool,
    },
    /// Start or follow a translation of the statements into another language.
    #[command(after_help = "Examples:
  hopeprint translation init cy     writes content/translations/cy.yaml for a translator
  hopeprint translation status      counts of translated, missing and stale statements")]
    Translation {
        #[command(subcommand)]
        action: TranslationAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum TranslationAction {
    /// Write content/translations/<LANG>.yaml: every statement's reference and English
    /// source, grouped by document, with an empty text for the translator.
    Init {
        /// The language, e.g. cy (Welsh) or ga (Irish).
        language: String,
        /// Replace the project's file if it already has one.
        #[arg(long)]
        force: bool,
    },
    /// For each translation file (or one language): translated, missing and stale counts.
    Status {
        /// Only this language.
        language: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EditionAction {
    /// List the editions there are.
    List,
    /// Print every statement the edition changes, before → after, for an editor to review.
    Diff {
        /// The edition's id (its file name in content/editions/ without .yaml).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum LayoutsAction {
    /// List the layouts and whether each is built in or the project's own.
    List,
    /// Copy a built-in layout (e.g. `level-poster.typ.j2` or `theme.typ`) into the
    /// project's layouts/ folder, to edit it there.
    Eject {
        /// The layout's file name.
        name: String,
        /// Replace the project's copy if it already has one.
        #[arg(long)]
        force: bool,
    },
}

/// The document to render.
#[derive(Debug, Subcommand)]
pub enum RenderWhat {
    /// A poster of one level (--level) or one component (--component), A1 landscape.
    Poster {
        /// The level, by number (1-4) or id (e.g. dependent-aware).
        #[arg(long, conflicts_with = "component")]
        level: Option<String>,
        /// The component, by id (e.g. peer-support): one table across the four levels.
        #[arg(long)]
        component: Option<String>,
        /// The "Emerging Best Practices" table instead of the "Recovery Process" table.
        #[arg(long)]
        practices: bool,
    },
    /// A sheet of one level, one role or one component, A4, several pages.
    Sheet {
        /// Everything for this level (number or id).
        #[arg(long, group = "subject")]
        level: Option<String>,
        /// One role across the four levels: person, clinicians or community.
        #[arg(long, group = "subject")]
        role: Option<String>,
        /// One component across the four levels.
        #[arg(long, group = "subject")]
        component: Option<String>,
    },
    /// A handout: self-inventory, discussion-questions, facilitator-guide, principles,
    /// glossary, capabilities, collaborative-partnerships or further-reading.
    Handout {
        #[arg(value_enum)]
        name: HandoutName,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HandoutName {
    SelfInventory,
    DiscussionQuestions,
    FacilitatorGuide,
    Principles,
    Glossary,
    Capabilities,
    CollaborativePartnerships,
    FurtherReading,
}

/// How documents are printed: paper, press marks, format, standards.
#[derive(Debug, Args, Clone)]
pub struct PrintArgs {
    /// Paper size, in any case (default: the edition's; built in, A1 posters, the
    /// principles poster included, and A4 sheets and handouts for nimhe-uk, ARCH D posters
    /// and US Letter for ohio-us).
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub paper: Option<Paper>,
    /// Landscape orientation.
    #[arg(long, global = true, conflicts_with = "portrait")]
    pub landscape: bool,
    /// Portrait orientation.
    #[arg(long, global = true)]
    pub portrait: bool,
    /// Large print for sheets and handouts: body 16 pt or more, generous spacing.
    #[arg(long, global = true)]
    pub large_print: bool,
    /// Press bleed around the trimmed page, e.g. 3mm (UK) or 0.125in (US).
    #[arg(long, global = true, value_name = "LENGTH", value_parser = parse_bleed)]
    pub bleed: Option<f64>,
    /// Crop marks outside the bleed, for the print shop.
    #[arg(long, global = true)]
    pub crop_marks: bool,
    /// Output format (default: from the extension of -o, else pdf). `html` is the web
    /// edition: an accessible page per document, with its PDF beside it (and, for build,
    /// thumbnails and an index.html per edition).
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// With --format png: only this page (1 is the first), e.g. for a preview.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub page: Option<u32>,
    /// Resolution of PNG output, in pixels per inch.
    #[arg(long, global = true, default_value_t = 150.0, value_parser = parse_dpi)]
    pub dpi: f32,
    /// The PDF standards to meet (typst checks them while writing). By default PDF/UA-1
    /// (accessible) with PDF/A-2a (archival), or PDF/UA-1 alone when the edition's colours
    /// are CMYK; `none` only for drafts, never for publishing.
    #[arg(long, global = true, value_enum, default_value = "default")]
    pub pdf_standard: PdfStandard,
    /// Also write the generated Typst and the layouts' .typ files next to the output.
    #[arg(long, global = true)]
    pub emit_typst: bool,
    /// Replace a file at the output path even if it is not a PDF, PNG or Typst file or a web
    /// page hopeprint made, which are all it replaces otherwise (never a file of the
    /// project's content/, layouts/, fonts/ or assets/, a folder, a link or a special file).
    #[arg(long, global = true)]
    pub overwrite: bool,
    /// The edition to print (content/editions/<ID>.yaml). Default for render and pack: the
    /// project's own (the first of the catalogue's `editions:`, else the only edition file
    /// in the project), else nimhe-uk; `build` prints the catalogue's or every edition.
    #[arg(long, global = true, value_name = "ID")]
    pub edition: Option<String>,
    /// Print statements that have no translation in the source language (each is listed)
    /// instead of stopping.
    #[arg(long, global = true)]
    pub allow_untranslated: bool,
    /// Also use the fonts installed on this machine.
    #[arg(long, global = true)]
    pub system_fonts: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(subcommand)]
    pub what: RenderWhat,
    /// Output file (default: the document's name in the project directory).
    #[arg(short, long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// N copies of the document, one after the other in one PDF.
    #[arg(long, global = true, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=500))]
    pub copies: u32,
    /// With --copies, for double-sided printing: each copy starts on a right-hand (odd)
    /// page (a blank page follows a copy with an odd number of pages).
    #[arg(long, global = true)]
    pub duplex: bool,
    #[command(flatten)]
    pub print: PrintArgs,
}

#[derive(Debug, Subcommand)]
pub enum WatchWhat {
    /// Watch and render one document (the same arguments as `hopeprint render`).
    Render(RenderArgs),
    /// Watch and build the catalogue (the same arguments as `hopeprint build`).
    Build(BuildArgs),
    /// Watch and make a session pack (the same arguments as `hopeprint pack`).
    Pack(PackArgs),
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// The pack: a pack file's path, or the id of one in content/packs/ (e.g.
    /// partners-in-recovery).
    pub pack: String,
    /// How many participants (default: the pack's `participants`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=500))]
    pub participants: Option<u32>,
    /// For one-sided printing: each item follows the last, with no blank backs. By default a
    /// pack is for double-sided printing: every item starts on a right-hand (odd) page, so no
    /// sheet carries the end of one item and the start of the next.
    #[arg(long)]
    pub one_sided: bool,
    /// Double-sided printing, the default (kept so that commands written with it still run).
    #[arg(long, hide = true, conflicts_with = "one_sided")]
    pub duplex: bool,
    /// Also write each document of the pack as its own PDF, into a folder named after the pack.
    #[arg(long)]
    pub split: bool,
    /// The attendees: a CSV file with a `name` column, or one name a line (UTF-8). Their
    /// names fill the sign-in sheet and set the number of participant copies.
    #[arg(long, value_name = "FILE", conflicts_with = "participants")]
    pub attendees: Option<PathBuf>,
    /// Add a certificate of attendance for each attendee (A4 landscape, or the pack's paper).
    #[arg(long, requires = "attendees")]
    pub certificates: bool,
    /// Output file (default: <pack>.pdf in the current directory).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub print: PrintArgs,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The folder to write into (created if missing).
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print a line for every document, also those that are up to date.
    #[arg(short, long)]
    pub verbose: bool,
    /// Render every document, even those whose inputs have not changed.
    #[arg(long)]
    pub force: bool,
    /// Render only the I-th of N deterministic slices of the documents (e.g. 2/4), to
    /// spread a large build over several machines.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    #[command(flatten)]
    pub print: PrintArgs,
}

fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (i, n) = text
        .split_once('/')
        .ok_or("write the shard as I/N, e.g. 2/4")?;
    let (i, n): (usize, usize) = (
        i.trim().parse().map_err(|_| "I is not a number")?,
        n.trim().parse().map_err(|_| "N is not a number")?,
    );
    if n == 0 || i == 0 || i > n {
        return Err(format!("shard {i}/{n}: I must be between 1 and N"));
    }
    Ok((i, n))
}

fn parse_bleed(text: &str) -> Result<f64, String> {
    crate::paper::parse_length_mm(text)
}

fn parse_dpi(text: &str) -> Result<f32, String> {
    let dpi: f32 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if (10.0..=1200.0).contains(&dpi) {
        Ok(dpi)
    } else {
        Err("choose between 10 and 1200 pixels per inch".into())
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print only problems, not the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Report statements without a translation as a warning, not an error (as render and
    /// build then print them untranslated).
    #[arg(long)]
    pub allow_untranslated: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list.
    #[arg(value_enum, default_value_t = ListWhat::Levels)]
    pub what: ListWhat,
    /// Only statements of this level (number or id), for `list statements`.
    #[arg(long)]
    pub level: Option<String>,
    /// Only statements of this component, for `list statements`.
    #[arg(long)]
    pub component: Option<String>,
    /// Only statements of this role (person, clinicians, community), for `list statements`.
    #[arg(long)]
    pub role: Option<String>,
    /// Only statements whose reference starts with this, e.g. `principles/` or `ohio-us/`.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// List statements and documents as this edition prints them (default for `documents`:
    /// the project's own edition, as `render` chooses it; for statements: the base content).
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    /// The four levels of the Recovery Process Model.
    Levels,
    /// The nine components.
    Components,
    /// The three roles.
    Roles,
    /// The six rows of the two tables.
    Rows,
    /// Every statement with its reference.
    Statements,
    /// The source publications and their terms.
    Sources,
    /// Every repair of the source text: what the source said, what the content says, why.
    Repairs,
    /// The content files, and whether each is the project's own or built in.
    Files,
    /// The session packs (content/packs/): id, title, length, participants, documents.
    Packs,
    /// The documents of the catalogue as an edition builds them: file name, paper, title.
    Documents,
}
