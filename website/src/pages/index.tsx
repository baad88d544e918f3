import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

export default function Home(): ReactNode {
  return (
    <Layout
      title="asyncio for TypeScript"
      description="PEP 3156 mapped to TypeScript: spec, reference implementation, conformance suite"
    >
      <main className="container">
        <header className="hero--pep3156">
          <h1>pep3156: asyncio for TypeScript</h1>
          <p>
            PEP 3156, Python's asyncio (event loop, futures, tasks, coroutines, transports, protocols), mapped
            to TypeScript: a spec with a stable id on every rule, a reference implementation on Node.js, and a
            conformance suite you can run against your own loop.
          </p>
          <p>
            For TypeScript developers who want asyncio's model, Python developers mapping what they know, and
            implementers of event loops who want to know where theirs conforms.
          </p>
        </header>
        <section className="cards" aria-label="Where to start">
          <Link className="card-link" to="/docs/spec">
            <h2>The spec</h2>
            <p>Every PEP 3156 concept in TypeScript, each normative statement with its id and its tests.</p>
          </Link>
          <Link className="card-link" to="/docs/tutorial">
            <h2>The tutorial</h2>
            <p>From a first loop to an echo server, every program beside its Python twin.</p>
          </Link>
          <Link className="card-link" to="/docs/guides/porting-asyncio-code">
            <h2>Porting from asyncio</h2>
            <p>What each asyncio idiom becomes in TypeScript, line by line, and the traps on the way.</p>
          </Link>
          <Link className="card-link" to="/docs/guides/running-the-conformance-suite">
            <h2>The conformance suite</h2>
            <p>Write an adapter, run one command, get a report per statement.</p>
          </Link>
          <Link className="card-link" to="/docs/guides/which-tool">
            <h2>Which tool for the job</h2>
            <p>From what you need (time out, limit, fan out, serve) to the function that does it.</p>
          </Link>
          <Link className="card-link" to="/docs/spec/rosetta-stone">
            <h2>The Rosetta Stone</h2>
            <p>Every asyncio name, its TypeScript name, its spec section and its API page.</p>
          </Link>
          <Link className="card-link" to="/playground">
            <h2>The playground</h2>
            <p>Edit a program on the reference loop and run it in your browser, iteration by iteration.</p>
          </Link>
        </section>
        <section>
          <h2>Quick start</h2>
          <p>
            Until <code>pep3156</code> is published on npm, build it from a checkout of the repository and
            install the tarball in your project:
          </p>
          <CodeBlock language="bash">{`npm ci && npm run build:packages && npm pack -w pep3156
cd ../your-project && npm install ../pep3156/pep3156-0.1.0.tgz`}</CodeBlock>
          <p>Then, in an ES module of your project:</p>
          <CodeBlock language="ts" title="main.ts">{`import { type Coroutine, run, sleep } from 'pep3156';

function* main(): Coroutine<string> {
  yield* sleep(0.1); // Python 3.4: yield from asyncio.sleep(0.1)
  return 'done';
}
console.log(await run(main()));`}</CodeBlock>
        </section>
      </main>
    </Layout>
  );
}
