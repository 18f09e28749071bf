import { useDmcHolderCount } from "../hooks/useDmcHolderCount";
import { describeSubgraphError } from "../lib/describeSubgraphError";
import { formatInteger } from "../lib/format";
import { useSubgraphSetting } from "../SubgraphEnvironment";
import { Card } from "./Card";
import { Fact, Facts } from "./Facts";
import { Pending } from "./Pending";

/** Text with `backtick` spans rendered as code (as ErrorNotice does). */
function WithCode({ text }: { readonly text: string }) {
  return text.split("`").map((part, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never move.
    index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>,
  );
}

function SubgraphProblem({ error }: { readonly error: unknown }) {
  const { title, detail } = describeSubgraphError(error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>
        <WithCode text={detail} />
      </p>
    </div>
  );
}

/** Figures read from the DMEX subgraph (the indexer), not from the chain: today, how many hold DMC. */
export function SubgraphCard() {
  const setting = useSubgraphSetting();
  const count = useDmcHolderCount();

  return (
    <Card title="Subgraph">
      {"error" in setting ? (
        <SubgraphProblem error={setting.error} />
      ) : setting.url === undefined ? (
        <p className="muted" role="note">
          <WithCode text="No subgraph configured: set `VITE_SUBGRAPH_URL` to its GraphQL URL (`npm start` does)." />
        </p>
      ) : count.isError ? (
        <SubgraphProblem error={count.error} />
      ) : count.data ? (
        <Facts>
          <Fact label="DMC holders">{`${formatInteger(count.data.holders)} ${count.data.holders === 1 ? "account" : "accounts"}`}</Fact>
          <Fact label="Indexed to block">#{formatInteger(count.data.block)}</Fact>
          <Fact label="GraphQL endpoint" mono>
            {setting.url}
          </Fact>
        </Facts>
      ) : count.data === null ? (
        <Pending>The subgraph has not indexed DMC yet…</Pending>
      ) : (
        <Pending>Reading the subgraph at {setting.url}…</Pending>
      )}
    </Card>
  );
}
