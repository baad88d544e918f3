// Components every docs page can use without importing them: Statement, TsOnlyList, Tabs, TabItem, and
// TwoslashCode (which website/src/plugins/remark-twoslash.mjs puts in place of each TypeScript sample).
import Playground from '@site/website/src/components/Playground';
import Statement from '@site/website/src/components/Statement';
import TsOnlyList from '@site/website/src/components/TsOnlyList';
import TwoslashCode from '@site/website/src/components/TwoslashCode';
import TabItem from '@theme/TabItem';
import Tabs from '@theme/Tabs';
import MDXComponents from '@theme-init/MDXComponents';

export default { ...MDXComponents, Playground, Statement, Tabs, TabItem, TsOnlyList, TwoslashCode };
