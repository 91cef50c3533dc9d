namespace Course.Load.Rendering;

/// <summary>
/// Applies render batches to a logical tree the way blazor.web.js's BrowserRenderer applies them to the DOM
/// (Web.JS/src/Rendering/BrowserRenderer.ts: applyEdits, insertFrame, insertFrameRange), so that elements,
/// their attributes and their event handler ids can be found as a browser would see them.
/// </summary>
public sealed class ClientDom
{
    private readonly Dictionary<int, DomNode> components = [];
    private readonly List<DomNode> roots = [];

    /// <summary>The interactive root components' content, in the order they were attached.</summary>
    public IReadOnlyList<DomNode> Roots => roots;

    /// <summary>A root component's content is placed where the server says (JS.AttachComponent).</summary>
    public void AttachRoot(int componentId)
    {
        var container = new DomNode(NodeKind.Component) { ComponentId = componentId };
        components[componentId] = container;
        roots.Add(container);
    }

    public IEnumerable<DomNode> Elements(Func<DomNode, bool> match) => roots.SelectMany(r => r.Elements(match));

    public DomNode? Element(Func<DomNode, bool> match) => Elements(match).FirstOrDefault();

    public void Apply(RenderBatchReader batch)
    {
        var frames = batch.ReferenceFrames();
        foreach (var diff in batch.UpdatedComponents())
        {
            if (!components.TryGetValue(diff.ComponentId, out var container))
            {
                throw new InvalidOperationException($"Render batch updates component {diff.ComponentId}, which is on no element.");
            }

            ApplyEdits(batch, diff.ComponentId, container, diff.Edits, frames);
        }

        foreach (var id in batch.DisposedComponentIds())
        {
            if (components.Remove(id, out var gone))
            {
                roots.Remove(gone);
            }
        }
    }

    private void ApplyEdits(RenderBatchReader batch, int componentId, DomNode parent, RenderEdit[] edits, RenderFrame[] frames)
    {
        var depth = 0;
        var childIndexAtDepth = 0;
        List<(int From, int To)>? permutation = null;
        foreach (var edit in edits)
        {
            var index = childIndexAtDepth + edit.SiblingIndex;
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(batch, componentId, parent, index, frames, edit.NewTreeIndex);
                    break;
                case EditType.RemoveFrame:
                    Remove(parent, index);
                    break;
                case EditType.SetAttribute:
                    ApplyAttribute(batch, parent.Children[index], frames[edit.NewTreeIndex]);
                    break;
                case EditType.RemoveAttribute:
                    var element = parent.Children[index];
                    var name = batch.String(edit.Fourth)!;
                    element.Attributes.Remove(name);
                    element.Handlers.Remove(name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name);
                    break;
                case EditType.UpdateText:
                    parent.Children[index].Text = batch.String(frames[edit.NewTreeIndex].Second);
                    break;
                case EditType.UpdateMarkup:
                    parent.Children[index].Text = batch.String(frames[edit.NewTreeIndex].Second);
                    break;
                case EditType.StepIn:
                    parent = parent.Children[index];
                    depth++;
                    childIndexAtDepth = 0;
                    break;
                case EditType.StepOut:
                    parent = parent.Parent!;
                    depth--;
                    childIndexAtDepth = 0; // a component's edits start at its container's first child
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((index, childIndexAtDepth + edit.MoveToSiblingIndex));
                    break;
                case EditType.PermutationListEnd:
                    var before = parent.Children.ToArray();
                    foreach (var (from, to) in permutation!)
                    {
                        parent.Children[to] = before[from];
                    }

                    permutation = null;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown edit type {edit.Type}.");
            }
        }
    }

    /// <summary>Inserts a frame and its descendants; returns how many logical children it added (regions flatten).</summary>
    private int InsertFrame(RenderBatchReader batch, int componentId, DomNode parent, int childIndex, RenderFrame[] frames, int frameIndex)
    {
        var frame = frames[frameIndex];
        switch (frame.Type)
        {
            case FrameType.Element:
                var element = new DomNode(NodeKind.Element, batch.String(frame.Third)) { ComponentId = componentId };
                Insert(parent, childIndex, element);
                var end = frameIndex + frame.SubtreeLength;
                for (var i = frameIndex + 1; i < end; i++)
                {
                    if (frames[i].Type == FrameType.Attribute)
                    {
                        ApplyAttribute(batch, element, frames[i]);
                    }
                    else
                    {
                        InsertFrameRange(batch, componentId, element, 0, frames, i, end);
                        break;
                    }
                }

                return 1;
            case FrameType.Text:
                Insert(parent, childIndex, new DomNode(NodeKind.Text) { Text = batch.String(frame.Second), ComponentId = componentId });
                return 1;
            case FrameType.Markup:
                Insert(parent, childIndex, new DomNode(NodeKind.Markup) { Text = batch.String(frame.Second), ComponentId = componentId });
                return 1;
            case FrameType.Component:
                var container = new DomNode(NodeKind.Component) { ComponentId = frame.ComponentId };
                components[frame.ComponentId] = container;
                Insert(parent, childIndex, container);
                return 1;
            case FrameType.Region:
                return InsertFrameRange(batch, componentId, parent, childIndex, frames, frameIndex + 1, frameIndex + frame.SubtreeLength);
            case FrameType.ElementReferenceCapture:
                parent.Attributes["_bl_" + batch.String(frame.Second)] = "";
                return 0;
            case FrameType.Attribute:
                throw new InvalidOperationException("Attribute frames should only be present as leading children of element frames.");
            default:
                return 0; // not sent to browsers (component reference captures, named events, render modes)
        }
    }

    private int InsertFrameRange(RenderBatchReader batch, int componentId, DomNode parent, int childIndex, RenderFrame[] frames, int start, int endExclusive)
    {
        var first = childIndex;
        for (var i = start; i < endExclusive; i++)
        {
            var frame = frames[i];
            childIndex += InsertFrame(batch, componentId, parent, childIndex, frames, i);
            if (frame.Type is FrameType.Element or FrameType.Component or FrameType.Region)
            {
                i += frame.SubtreeLength - 1; // its descendants were inserted with it
            }
        }

        return childIndex - first;
    }

    private static void ApplyAttribute(RenderBatchReader batch, DomNode element, RenderFrame frame)
    {
        var name = batch.String(frame.Second)!;
        if (frame.EventHandlerId != 0)
        {
            element.Handlers[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = frame.EventHandlerId;
            return;
        }

        element.Attributes[name] = batch.String(frame.Third) ?? "";
    }

    private static void Insert(DomNode parent, int index, DomNode child)
    {
        child.Parent = parent;
        parent.Children.Insert(Math.Min(index, parent.Children.Count), child);
    }

    private void Remove(DomNode parent, int index)
    {
        var child = parent.Children[index];
        parent.Children.RemoveAt(index);
        child.Parent = null;
    }
}
