// A TypeScript sample rendered at build time by Shiki + Twoslash (website/src/plugins/
// remark-twoslash.mjs): highlighted for the light and the dark theme, with the type of every
// identifier shown on hover, a title bar when the sample names its file, and a copy button. The
// popups' styles are Twoslash's own style-rich.css, loaded as site CSS (docusaurus.config.ts); a
// popup that shows is moved back inside the viewport when it would stick out of it.
import useBaseUrl from '@docusaurus/useBaseUrl';
import { type ReactNode, useEffect, useRef, useState } from 'react';

/** The room kept between a popup and the viewport's edges, in px. */
const MARGIN = 8;

/** Shifts a shown popup sideways so that it stays inside the viewport. */
export function fitPopup(popup: HTMLElement): void {
  popup.style.translate = '';
  const rect = popup.getBoundingClientRect();
  if (rect.width === 0) return;
  const right = document.documentElement.clientWidth - MARGIN;
  let shift = 0;
  if (rect.right > right) shift = right - rect.right;
  if (rect.left + shift < MARGIN) shift = MARGIN - rect.left;
  if (shift !== 0) popup.style.translate = `${Math.round(shift)}px 0`;
}

export interface TwoslashCodeProps {
  /** The highlighted sample, as HTML produced at build time. */
  html: string;
  /** The sample's source, without Twoslash markup, for the copy button. */
  code: string;
  /** The file name the sample stands for, shown above it. */
  title?: string;
  /** When the sample runs in the playground as printed: its code, encoded for a `#code=` link. */
  playground?: string;
}

export default function TwoslashCode({ html, code, title, playground }: TwoslashCodeProps): ReactNode {
  const playgroundUrl = useBaseUrl('/playground');
  const [copied, setCopied] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = body.current;
    if (root === null) return;
    const fitPersisted = (): void => {
      for (const p of root.querySelectorAll<HTMLElement>(
        '.twoslash-query-persisted .twoslash-popup-container',
      ))
        fitPopup(p);
    };
    const onOver = (e: Event): void => {
      const hover = (e.target as Element).closest?.('.twoslash-hover, .twoslash-error-hover');
      const popup = hover?.querySelector<HTMLElement>(':scope > .twoslash-popup-container');
      if (popup) fitPopup(popup);
    };
    fitPersisted();
    root.addEventListener('pointerover', onOver);
    window.addEventListener('resize', fitPersisted);
    return () => {
      root.removeEventListener('pointerover', onOver);
      window.removeEventListener('resize', fitPersisted);
    };
  }, []);
  const copy = (): void => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="twoslash-block">
      {title ? <div className="twoslash-block__title">{title}</div> : null}
      <div className="twoslash-block__body" ref={body}>
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
      {playground ? (
        <div className="twoslash-block__actions">
          <a href={`${playgroundUrl}#code=${playground}`}>Open in playground</a>
        </div>
      ) : null}
    </div>
  );
}
