// The site's search: @easyops-cn/docusaurus-search-local, whose index this module reshapes once the
// plugin has written it, so that a name typed into the search box finds where it is declared.
//
// The plugin indexes every h1–h3 of a page as a heading and the text under it as content, and its
// search (in a Web Worker) lists, for each way of matching the query (exact, then as a prefix, then
// with one typo), the titles, then the headings, then the descriptions, then the contents, each list
// ordered by lunr's score. On the API reference that meant "callLater" listed callLater() four
// times (the interface, the two classes that implement it and the one that inherits it), a name
// with its owner ("StreamReader.readuntil") matched no heading at all, and every page's first
// paragraph came twice (as its description and as its content). What this module changes:
// - an API member's heading is indexed with its owner ("StreamReader.readuntil()"), and a dotted
//   name is indexed whole and by its parts, so both "readuntil" and "StreamReader.readuntil" find it;
// - a member a class inherits is left out (its declaring page has it), and a member that implements
//   or overrides one declared elsewhere ranks below the declaration (its content is left out);
// - each spec statement is its own entry, ranked with the headings (the plugin, told to ignore
//   `.statement`, no longer folds them into their section's text);
// - left out: the API pages' generic headings (Methods, Parameters, Returns, Call Signature…), their
//   hierarchy lists (Extends, Implemented by…), a module's index page (a list of names) but for its
//   title, a parameter's bare type, a text the index already has, a description that repeats the
//   page's first paragraph; and (by the plugin's ignoreCssSelectors, set in docusaurus.config.ts)
//   the type popups of the code samples.
// A statement's entry reads "<its text> [<its id>]": the search box shows the words around the match.
// Option names and defaults are the plugin's own (validateOptions is passed through).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pluginModule = require('@easyops-cn/docusaurus-search-local');
const searchLocal = pluginModule.default ?? pluginModule;
// The lunr the plugin's client loads the index with.
const lunr = createRequire(require.resolve('@easyops-cn/docusaurus-search-local'))('lunr');
const cheerio = createRequire(require.resolve('@easyops-cn/docusaurus-search-local'))('cheerio');

/** The index's document lists, in the order the plugin's search visits them. */
const TITLE = 0;
const HEADING = 1;
const DESCRIPTION = 2;
const KEYWORDS = 3;
const CONTENT = 4;

/** Ranking weights (lunr document boosts; 1 is the plugin's). */
const BOOST = { declaration: 3, statement: 2, spec: 1.5, copy: 0.3 };

/** Boosts of the API pages' titles, by what the page declares: a class, interface or function
 * before a variable or type alias of the same name (Future is all three). */
const TITLE_BOOSTS = [
  [/^(Class|Abstract Class|Interface|Function): /, 3],
  [/^(Variable|Type Alias): /, 2],
];

/** h2 sections of an API page that list the type hierarchy. */
const HIERARCHY = new Set(['Extends', 'Extended by', 'Implements', 'Implemented by', 'Hierarchy']);

/** h2 sections of an API page whose h3s are members of the page's class, interface or object. */
const MEMBER_GROUPS = new Set(['Constructors', 'Properties', 'Accessors', 'Methods', 'Type Declaration']);

export default function pluginSearchLocal(context, options) {
  const plugin = searchLocal(context, options);
  return {
    ...plugin,
    async postBuild(props) {
      await plugin.postBuild(props);
      const { outDir, baseUrl, siteConfig } = props;
      const files = readdirSync(outDir).filter((f) => /^search-index.*\.json$/.test(f));
      for (const f of files) {
        const file = path.join(outDir, f);
        const index = reshapeIndex(JSON.parse(readFileSync(file, 'utf8')), {
          html: (url) => readPage(outDir, baseUrl, url, siteConfig.trailingSlash),
        });
        writeFileSync(file, JSON.stringify(index));
      }
    },
  };
}
pluginSearchLocal.validateOptions = pluginModule.validateOptions;

function readPage(outDir, baseUrl, url, trailingSlash) {
  const route = url.slice(baseUrl.length).replace(/\/$/, '');
  const file = path.join(outDir, trailingSlash === false ? `${route}.html` : path.join(route, 'index.html'));
  return readFileSync(file, 'utf8');
}

/**
 * What the index needs to know of an API page: the name its members are qualified with (none on a
 * module's index page, which only lists names), and what each section (by anchor) is: a member
 * declared there, inherited, or a copy (it implements or overrides a member declared elsewhere);
 * a list of the type hierarchy (Extends, Implemented by…), left out with its text; or a generic
 * heading (Methods, Parameters, Returns…), left out while its text stays.
 */
function apiFacts($) {
  const title = $('article h1').first().text().trim();
  const owner = /^[\w ]+: ([\w$]+)/.exec(title)?.[1];
  const sections = new Map();
  let group = '';
  let member = null;
  $('article h2, article h3, article h4').each((_, el) => {
    const $h = $(el);
    const id = `#${$h.attr('id') ?? ''}`;
    const text = $h.contents().not('a.hash-link').text().trim();
    if (el.tagName === 'h2') {
      group = text;
      member = null;
      sections.set(id, { kind: HIERARCHY.has(text) ? 'hierarchy' : 'generic' });
    } else if (el.tagName === 'h3') {
      member = owner && MEMBER_GROUPS.has(group) ? { kind: 'declaration' } : null;
      sections.set(id, member ?? { kind: 'generic' });
    } else if (member && /^#inherited-from/.test(id)) member.kind = 'inherited';
    else if (member && /^#(implementation-of|overrides)/.test(id) && member.kind === 'declaration')
      member.kind = 'copy';
  });
  return { owner, sections };
}

/** The statements of a spec page: anchor and text (the "Checked by" list left out). */
function statements($) {
  return $('article .statement')
    .map((_, el) => {
      const $s = $(el);
      const text = $s.find('.statement__text').text().replace(/\s+/g, ' ').trim();
      return { id: $s.attr('id'), text };
    })
    .get();
}

const normalized = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Reshapes the plugin's index (see the top of this module); `html(url)` reads a built page. */
export function reshapeIndex(index, { html }) {
  const docs = index.map((x) => x.documents);
  // Boosts of the headings (statements included), by document id.
  const boosts = new Map();
  let nextId = Math.max(0, ...docs.flat().map((d) => d.i)) + 1;

  const facts = new Map();
  const factsOf = (url) => {
    if (!facts.has(url)) {
      const $ = cheerio.load(html(url));
      facts.set(url, url.includes('/docs/api/') ? { api: apiFacts($) } : { statements: statements($) });
    }
    return facts.get(url);
  };

  // Headings: API members qualified by their owner; inherited members, the hierarchy lists and
  // generic headings left out, and the text of the inherited members, of the copies and of the
  // hierarchy lists; a module's index page only by its title.
  const dropped = new Set();
  const headings = [];
  for (const d of docs[HEADING]) {
    const { api } = factsOf(d.u);
    if (!api) {
      if (d.u.includes('/docs/spec/')) boosts.set(d.i, BOOST.spec);
      headings.push(d);
      continue;
    }
    const section = api.sections.get(d.h);
    if (!api.owner || section?.kind === 'inherited' || section?.kind === 'hierarchy') {
      dropped.add(`${d.u}${d.h}`);
      continue;
    }
    if (!section || section.kind === 'generic') continue;
    const name = d.t === 'Constructor' ? `new ${api.owner}()` : `${api.owner}.${d.t}`;
    headings.push({ ...d, t: name });
    boosts.set(d.i, section.kind === 'copy' ? BOOST.copy : BOOST.declaration);
    if (section.kind === 'copy') dropped.add(`${d.u}${d.h}`);
  }
  // Spec statements, each an entry of its own, ranked with the headings.
  for (const page of docs[TITLE]) {
    if (!page.u.includes('/docs/spec/')) continue;
    for (const s of factsOf(page.u).statements) {
      const i = nextId++;
      headings.push({ i, t: `${s.text} [${s.id}]`, u: page.u, h: `#${s.id}`, p: page.i });
      boosts.set(i, BOOST.statement);
    }
  }

  // Contents: not a module's index page, nor a section whose heading was dropped with its text,
  // nor a parameter's bare type (its signature has it), nor the same text twice.
  const seen = new Set();
  const contents = docs[CONTENT].filter((d) => {
    const api = d.u.includes('/docs/api/') ? factsOf(d.u).api : null;
    if (dropped.has(`${d.u}${d.h}`) || (api && !api.owner)) return false;
    if (api?.sections.get(d.h)?.kind === 'generic' && d.t.split(' ').length <= 3) return false;
    if (seen.has(d.t)) return false;
    seen.add(d.t);
    return true;
  });
  // Descriptions: only those that do not repeat the page's first paragraph (an API page's always
  // does: it is the signature).
  const firstText = new Map();
  for (const d of contents) if (!firstText.has(d.p)) firstText.set(d.p, normalized(d.t));
  const descriptions = docs[DESCRIPTION].filter(
    (d) => !d.u.includes('/docs/api/') && !firstText.get(d.p)?.includes(normalized(d.t)),
  );

  const titleBoosts = new Map();
  for (const page of docs[TITLE]) {
    if (page.u.includes('/docs/spec/')) titleBoosts.set(page.i, BOOST.spec);
    else if (page.u.includes('/docs/api/')) {
      const boost = TITLE_BOOSTS.find(([re]) => re.test(page.t))?.[1];
      if (boost) titleBoosts.set(page.i, boost);
    }
  }
  return [
    { documents: docs[TITLE], boosts: titleBoosts },
    { documents: unique(headings, boosts), boosts },
    { documents: descriptions },
    { documents: docs[KEYWORDS] },
    { documents: contents },
  ].map(({ documents, boosts = new Map() }) => ({ documents, index: buildLunr(documents, boosts) }));
}

/** The headings, one per title: of two the same (an abstract class that implements the interface of
 * its name), the higher ranked. */
function unique(headings, boosts) {
  const best = new Map();
  for (const d of headings) {
    const kept = best.get(d.t);
    if (!kept || (boosts.get(d.i) ?? 1) > (boosts.get(kept.i) ?? 1)) best.set(d.t, d);
  }
  return headings.filter((d) => best.get(d.t) === d);
}

/**
 * lunr's tokenizer, plus the parts of a token joined by dots or brackets ("loop.callLater(0.01,"
 * also gives "loop" and "callLater"), each with its own position so that matches highlight.
 */
function tokenizer(obj, metadata) {
  const tokens = lunr.tokenizer(obj, metadata);
  const out = [];
  // A statement's id names what it governs in kebab case: "[loop.call-later.not-early]" also
  // gives "calllater", which is how "callLater" is indexed.
  const id = /\[([a-z][\w.-]*)\]$/.exec(String(obj));
  if (id) {
    for (const part of id[1].matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) {
      const position = [id.index + 1 + part.index, part[0].length];
      out.push(new lunr.Token(part[0].replaceAll('-', ''), { ...metadata, position }));
    }
  }
  for (const token of tokens) {
    out.push(token);
    // The part lunr's trimmer keeps ("gather()" is "gather"), and the words inside it.
    const text = token.toString();
    const kept = text.replace(/^\W+/, '').replace(/\W+$/, '');
    const start = token.metadata.position[0] + text.indexOf(kept);
    for (const part of kept.matchAll(/[a-z_$][\w$]*/g)) {
      if (part[0].length < 2 || part[0] === kept) continue;
      out.push(
        new lunr.Token(part[0], { ...token.metadata, position: [start + part.index, part[0].length] }),
      );
    }
  }
  return out;
}

/** The plugin's lunr index (English pipeline, positions kept), with our tokenizer and boosts. */
function buildLunr(documents, boosts) {
  return lunr(function build() {
    this.tokenizer = tokenizer;
    this.ref('i');
    this.field('t');
    this.metadataWhitelist = ['position'];
    for (const d of documents) this.add({ ...d, i: d.i.toString() }, { boost: boosts.get(d.i) ?? 1 });
  });
}
