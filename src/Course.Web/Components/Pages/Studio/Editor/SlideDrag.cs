namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// Dragging in the slides view: a slide onto another slide's place, a segment onto another segment's place
/// in its slide. A pointer extra: every move it makes, the buttons make too.
/// </summary>
public sealed class SlideDrag
{
    private (int Slide, int? Segment)? dragged;
    private (int Slide, int? Segment)? dropTarget;

    /// <summary>A drop that moves something: a slide by a number of places, or a segment within its slide.</summary>
    public sealed record Move(int Slide, int? Segment, int Offset);

    public void Start(int slide, int? segment)
    {
        dragged = (slide, segment);
        dropTarget = null;
    }

    public void End()
    {
        dragged = null;
        dropTarget = null;
    }

    public void Enter(int slide, int? segment) => dropTarget = Accepts(slide, segment) is { } target ? target : null;

    /// <summary>Whether something dragged would land on this slide or segment now.</summary>
    public bool IsTarget(int slide, int? segment) => dropTarget == (slide, segment);

    /// <summary>The class of a slide or segment, marked while something dragged would land there.</summary>
    public string Class(string baseClass, int slide, int? segment) =>
        IsTarget(slide, segment) ? baseClass + " drop-target" : baseClass;

    /// <summary>Ends the drag over a slide or segment; answers the move it makes, or null when it cannot go there.</summary>
    public Move? Drop(int slide, int? segment)
    {
        var from = dragged;
        var target = Accepts(slide, segment);
        End();
        if (from is not { } origin || target is null)
        {
            return null;
        }

        return target.Value.Segment is { } to
            ? new Move(origin.Slide, origin.Segment, to - origin.Segment!.Value)
            : new Move(origin.Slide, null, slide - origin.Slide);
    }

    /// <summary>Where the dragged item would land over this slide or segment, or null when it cannot go there.</summary>
    private (int Slide, int? Segment)? Accepts(int slide, int? segment) => dragged switch
    {
        { Segment: null } from when from.Slide != slide => (slide, null),
        { Segment: { } } from when from.Slide == slide && segment is { } over && over != from.Segment => (slide, segment),
        _ => null,
    };
}
