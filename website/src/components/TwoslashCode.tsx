// A TypeScript sample rendered at build time by Shiki + Twoslash (website/src/plugins/
// remark-twoslash.mjs): highlighted for the light and the dark theme, with the type of every
// identifier shown on hover, a title bar when the sample names its file, and a copy button. The
// popups' styles are Twoslash's own style-rich.css, loaded as site CSS (docusaurus.config.ts).
import { type ReactNode, useState } from 'react';

export interface TwoslashCodeProps {
  /** The highlighted sample, as HTML produced at build time. */
  html: string;
  /** The sample's source, without Twoslash markup, for the copy button. */
  code: string;
  /** The file name the sample stands for, shown above it. */
  title?: string;
}

export default function TwoslashCode({ html, code, title }: TwoslashCodeProps): ReactNode {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="twoslash-block">
      {title ? <div className="twoslash-block__title">{title}</div> : null}
      <div className="twoslash-block__body">
        <button
          type="button"
          className="clean-btn twoslash-block__copy"
          aria-label={copied ? 'Copied' : 'Copy code to clipboard'}
          onClick={copy}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML made at build time by Shiki from the docs' own samples */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </div>
    </div>
  );
}
