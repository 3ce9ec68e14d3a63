using Microsoft.Extensions.AI;

namespace Perstack.App.Providers;

/// <summary>Disposes the HTTP client an SDK client was built on together with the chat client.</summary>
internal sealed class OwningChatClient(IChatClient innerClient, IDisposable resource) : DelegatingChatClient(innerClient)
{
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            resource.Dispose();
        }
    }
}
