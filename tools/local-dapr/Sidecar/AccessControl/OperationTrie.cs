namespace Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;

/// <summary>
/// The operation matcher of daprd's access control (dapr/dapr pkg/config/acl_trie.go), segment by segment with
/// its quirks: <c>/*</c> matches exactly one last segment, <c>/**</c> any remaining segments, <c>*</c> inside a
/// segment is a glob; the first policy put for an operation wins.
/// </summary>
internal sealed class OperationTrie
{
    private const string SingleStageWildcard = "/*";
    private const string MultiStageWildcard = "/**";
    private readonly Node _root = new("/", null);

    public void Put(string operation, OperationRule rule)
    {
        var parts = operation.Split('/');
        var node = _root;
        for (var i = 1; i < parts.Length; i++)
        {
            var segment = "/" + parts[i];
            var isLast = i == parts.Length - 1;
            var existing = node.Children.FirstOrDefault(n => n.Segment == segment);
            if (existing is null)
            {
                var created = new Node(segment, isLast ? rule : null);
                node.Children.Add(created);
                node = created;
            }
            else if (isLast)
            {
                existing.Rule ??= rule;
            }
            else
            {
                node = existing;
            }
        }
    }

    public OperationRule? Search(string operation)
    {
        var parts = operation.Split('/');
        var node = _root;
        for (var i = 1; i < parts.Length; i++)
        {
            var isEnd = i == parts.Length - 1;
            node = FindChild(node, "/" + parts[i], isEnd);
            if (node is null)
            {
                return null;
            }
            if (node.Rule is not null)
            {
                if (!isEnd && node.Segment.EndsWith(SingleStageWildcard, StringComparison.Ordinal)
                    && !node.Segment.EndsWith(MultiStageWildcard, StringComparison.Ordinal))
                {
                    continue;
                }
                return node.Rule;
            }
            if (isEnd)
            {
                var wildcard = FindChild(node, SingleStageWildcard, isEnd);
                return wildcard?.Rule;
            }
        }
        return null;
    }

    private static Node? FindChild(Node node, string segment, bool isEnd)
    {
        foreach (var child in node.Children)
        {
            if (child.Segment == segment)
            {
                return child;
            }
            if (child.Segment == SingleStageWildcard)
            {
                if (isEnd)
                {
                    return child;
                }
                continue;
            }
            if (child.Segment == MultiStageWildcard || Glob(segment, child.Segment))
            {
                return child;
            }
        }
        return null;
    }

    /// <summary>acl_trie.go isMatch: <c>*</c> matches any run of characters (dynamic programming).</summary>
    private static bool Glob(string target, string pattern)
    {
        var match = new bool[target.Length + 1, pattern.Length + 1];
        match[0, 0] = true;
        for (var j = 1; j <= pattern.Length && pattern[j - 1] == '*'; j++)
        {
            match[0, j] = true;
        }
        for (var i = 1; i <= target.Length; i++)
        {
            for (var j = 1; j <= pattern.Length; j++)
            {
                match[i, j] = pattern[j - 1] == '*'
                    ? match[i, j - 1] || match[i - 1, j]
                    : target[i - 1] == pattern[j - 1] && match[i - 1, j - 1];
            }
        }
        return match[target.Length, pattern.Length];
    }

    private sealed class Node(string segment, OperationRule? rule)
    {
        public string Segment { get; } = segment;
        public OperationRule? Rule { get; set; } = rule;
        public List<Node> Children { get; } = [];
    }
}

/// <summary>One <c>operations[]</c> entry: the action per HTTP verb (<c>*</c> for any) and the operation's action.</summary>
internal sealed record OperationRule(IReadOnlyDictionary<string, string> VerbActions, string Action);
