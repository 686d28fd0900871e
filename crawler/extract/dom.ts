// The shape of cheerio's parsed nodes that the extraction layers walk. Declared here rather than
// imported from domhandler because several domhandler versions sit in node_modules and cheerio's
// own is not the hoisted one; these fields are the ones every version has.

export interface AnyNode {
  type: string;
  parent: AnyNode | null;
  prev: AnyNode | null;
  next: AnyNode | null;
}

export interface Text extends AnyNode {
  data: string;
}

export interface Element extends AnyNode {
  name: string;
  attribs: Record<string, string>;
  children: AnyNode[];
}
