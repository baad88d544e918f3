// Components every docs page can use without importing them: Statement, Tabs, TabItem.
import Playground from '@site/website/src/components/Playground';
import Statement from '@site/website/src/components/Statement';
import TabItem from '@theme/TabItem';
import Tabs from '@theme/Tabs';
import MDXComponents from '@theme-init/MDXComponents';

export default { ...MDXComponents, Playground, Statement, Tabs, TabItem };
