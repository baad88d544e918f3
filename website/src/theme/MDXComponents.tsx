// Components every docs page can use without importing them: Statement, TsOnlyList, RepoLink, Tabs, TabItem, and
// TwoslashCode (which website/src/plugins/remark-twoslash.mjs puts in place of each TypeScript sample).
// The Playground carries a whole loop (pep3156/core) and is drawn on few pages: it is loaded only
// where a page uses it, in its own chunk, so that every other page stays light.
import RepoLink from '@site/website/src/components/RepoLink';
import Statement from '@site/website/src/components/Statement';
import TsOnlyList from '@site/website/src/components/TsOnlyList';
import TwoslashCode from '@site/website/src/components/TwoslashCode';
import TabItem from '@theme/TabItem';
import Tabs from '@theme/Tabs';
import MDXComponents from '@theme-init/MDXComponents';
import { type ComponentProps, lazy, type ReactNode, Suspense } from 'react';

const LazyPlayground = lazy(() => import('@site/website/src/components/Playground'));

function Playground(props: ComponentProps<typeof LazyPlayground>): ReactNode {
  return (
    <Suspense fallback={null}>
      <LazyPlayground {...props} />
    </Suspense>
  );
}

export default { ...MDXComponents, Playground, RepoLink, Statement, Tabs, TabItem, TsOnlyList, TwoslashCode };
