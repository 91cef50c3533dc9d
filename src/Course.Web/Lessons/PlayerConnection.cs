using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Course.Web.Lessons;

/// <summary>
/// Tells the player of its circuit when the browser's connection drops and comes back, so it can
/// pause on the segment the learner was reading and resume there.
/// </summary>
public sealed class PlayerConnection : CircuitHandler
{
    public event Action? Lost;

    public event Action? Restored;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Lost?.Invoke();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Restored?.Invoke();
        return Task.CompletedTask;
    }
}
