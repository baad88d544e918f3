// A link into the project's repository, for the docs pages: <RepoLink path="examples/adapter-template">
// the adapter template</RepoLink>. The repository's address is one setting (spec-tests/site.json's
// `repository`, or PEP3156_REPO_URL at build time; docusaurus.config.ts passes it as a custom field),
// so a page never spells it out.
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { ReactNode } from 'react';

/** The repository's address, as the site was built with it. */
export function useRepositoryUrl(): string {
  return String(useDocusaurusContext().siteConfig.customFields?.repositoryUrl ?? '');
}

export default function RepoLink({ path, children }: { path?: string; children: ReactNode }): ReactNode {
  const repository = useRepositoryUrl();
  return <a href={path ? `${repository}/tree/main/${path.replace(/^\/+/, '')}` : repository}>{children}</a>;
}
