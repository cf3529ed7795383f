def instance(request):
    current = getattr(request, "instance", None)
    return {"instance": current}
