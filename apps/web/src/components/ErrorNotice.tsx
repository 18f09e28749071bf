import { describeError } from "../lib/describeError";

/** Text with `backtick` spans rendered as code, so messages can name commands and variables. */
function WithCode({ text }: { readonly text: string }) {
  // Splitting on backticks puts the code spans at the odd indexes.
  return text.split("`").map((part, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never move.
    index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>,
  );
}

/** An error explained in words, announced to screen readers as soon as it appears. */
export function ErrorNotice({ error }: { readonly error: unknown }) {
  const { title, detail } = describeError(error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>
        <WithCode text={detail} />
      </p>
    </div>
  );
}
