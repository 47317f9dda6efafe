/** The little XML the simulator writes (EC2's answers and errors): escaped text and elements. */

/** Text or an attribute value, escaped so that no name or message from the world can break the document. */
export function escapeXml(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are matched to be dropped (XML 1.0 cannot carry them)
    /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
    (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ??
      // Control characters XML 1.0 cannot carry at all: dropped, as nothing could read them back.
      "",
  );
}

/** `<name>inner</name>`, or `<name/>` when there is nothing inside; `inner` is already XML. */
export function element(name: string, inner: string): string {
  return inner === "" ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
