using System.Buffers.Binary;
using System.Text;

namespace Course.Load.Rendering;

/// <summary>
/// Reads Blazor's out-of-process render batch, the bytes of a "JS.RenderBatch" message, as blazor.web.js does
/// (Web.JS/src/Rendering/RenderBatch/OutOfProcessRenderBatch.ts): five trailing int32s locate the updated
/// components, the reference frames, the disposed component and event handler ids, and the string table.
/// </summary>
public sealed class RenderBatchReader(byte[] data)
{
    private const int FrameLength = 20; // frame type, then 16 bytes whose meaning depends on the type
    private const int EditLength = 16;  // edit type, sibling index, new tree index (or move-to index), removed attribute name

    private readonly int stringTable = Int(data, data.Length - 4);

    private static int Int(byte[] bytes, int position) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position, 4));

    public IReadOnlyList<ComponentDiff> UpdatedComponents()
    {
        var range = Int(data, data.Length - 20);
        var count = Int(data, range);
        var diffs = new List<ComponentDiff>(count);
        for (var i = 0; i < count; i++)
        {
            var diff = Int(data, range + 4 + (i * 4));
            var componentId = Int(data, diff);
            var editCount = Int(data, diff + 4);
            var edits = new RenderEdit[editCount];
            for (var e = 0; e < editCount; e++)
            {
                var at = diff + 8 + (e * EditLength);
                edits[e] = new RenderEdit((EditType)Int(data, at), Int(data, at + 4), Int(data, at + 8), Int(data, at + 12));
            }

            diffs.Add(new ComponentDiff(componentId, edits));
        }

        return diffs;
    }

    public RenderFrame[] ReferenceFrames()
    {
        var range = Int(data, data.Length - 16);
        var count = Int(data, range);
        var frames = new RenderFrame[count];
        for (var i = 0; i < count; i++)
        {
            var at = range + 4 + (i * FrameLength);
            frames[i] = new RenderFrame((FrameType)Int(data, at), Int(data, at + 4), Int(data, at + 8),
                BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at + 12, 8)));
        }

        return frames;
    }

    public IReadOnlyList<int> DisposedComponentIds()
    {
        var range = Int(data, data.Length - 12);
        return [.. Enumerable.Range(0, Int(data, range)).Select(i => Int(data, range + 4 + (i * 4)))];
    }

    /// <summary>A string of the table by index; -1 stands for null. Each is LEB128-length-prefixed UTF-8.</summary>
    public string? String(int index)
    {
        if (index == -1)
        {
            return null;
        }

        var position = Int(data, stringTable + (index * 4));
        var length = 0;
        var shift = 0;
        byte next;
        do
        {
            next = data[position++];
            length |= (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);

        return Encoding.UTF8.GetString(data, position, length);
    }
}

public enum EditType
{
    PrependFrame = 1,
    RemoveFrame = 2,
    SetAttribute = 3,
    RemoveAttribute = 4,
    UpdateText = 5,
    StepIn = 6,
    StepOut = 7,
    UpdateMarkup = 8,
    PermutationListEntry = 9,
    PermutationListEnd = 10,
}

public enum FrameType
{
    Element = 1,
    Text = 2,
    Attribute = 3,
    Component = 4,
    Region = 5,
    ElementReferenceCapture = 6,
    Markup = 8,
}

/// <summary>One edit: for attribute removals <paramref name="Fourth"/> is the removed name's string index.</summary>
public readonly record struct RenderEdit(EditType Type, int SiblingIndex, int NewTreeIndex, int Fourth)
{
    public int MoveToSiblingIndex => NewTreeIndex;
}

/// <summary>
/// One reference frame. Second: subtree length (element, component, region) or a string index (text, markup,
/// attribute name, reference capture id). Third: element name or attribute value string index, or component id.
/// </summary>
public readonly record struct RenderFrame(FrameType Type, int Second, int Third, ulong EventHandlerId)
{
    public int SubtreeLength => Second;

    public int ComponentId => Third;
}

public sealed record ComponentDiff(int ComponentId, RenderEdit[] Edits);
