from celery import shared_task

from participe.images import renditions
from participe.images.models import Image
from participe.instances.models import Instance
from participe.instances.scoping import in_instance, platform_wide


@shared_task
def make_renditions(instance_id, image_id):
    """The srcset sizes of a new image; pages show the original until they exist."""
    with platform_wide():
        instance = Instance.objects.filter(pk=instance_id).first()
    if instance is None:
        return 0
    with in_instance(instance):
        image = Image.objects.filter(pk=image_id).first()
        if image is None:
            return 0
        previous = [r["name"] for r in image.renditions]
        made = renditions.make(image)
        Image.objects.filter(pk=image.pk).update(renditions=made)
        renditions.delete_files(name for name in previous if name not in {r["name"] for r in made})
        return len(made)
