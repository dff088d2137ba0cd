"""GAN sampling, quality metrics, the MNIST scorer and the Qt-free stepper."""
