namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// Dragging: a slide onto another slide's place, a segment onto another segment's place in its slide.
/// A pointer extra: every move it makes, the buttons make too.
/// </summary>
public sealed partial class SlidesView
{
    private (int Slide, int? Segment)? dragged;
    private (int Slide, int? Segment)? dropTarget;

    private void StartDrag(int slide, int? segment)
    {
        dragged = (slide, segment);
        dropTarget = null;
    }

    private void EndDrag()
    {
        dragged = null;
        dropTarget = null;
    }

    private void DragEnter(int slide, int? segment) => dropTarget = Accepts(slide, segment) is { } target ? target : null;

    /// <summary>Where the dragged item would land over this slide or segment, or null when it cannot go there.</summary>
    private (int Slide, int? Segment)? Accepts(int slide, int? segment) => dragged switch
    {
        { Segment: null } from when from.Slide != slide => (slide, null),
        { Segment: { } } from when from.Slide == slide && segment is { } over && over != from.Segment => (slide, segment),
        _ => null,
    };

    private string DropClass(string baseClass, int slide, int? segment) =>
        dropTarget == (slide, segment) ? baseClass + " drop-target" : baseClass;

    private Task Drop(int slide, int? segment)
    {
        var from = dragged;
        var target = Accepts(slide, segment);
        EndDrag();
        if (from is null || target is null)
        {
            return Task.CompletedTask;
        }

        return target.Value.Segment is { } to
            ? MoveSegment(from.Value.Slide, from.Value.Segment!.Value, to - from.Value.Segment!.Value)
            : MoveSlide(from.Value.Slide, slide - from.Value.Slide);
    }
}
